#!/usr/bin/env python3
"""A loopback HTTP server for tests (tst_hostileserver, tst_clisend):
answers every request with one hostile body as fast as it can. Usage:
  hostile_server.py PORTFILE big BYTES        # BYTES of zeros with Content-Length
  hostile_server.py PORTFILE gzipbomb BYTES   # gzip of BYTES zeros (about 1000:1)
  hostile_server.py PORTFILE trickle          # one body byte per second, never ending
Writes the port it listens on (127.0.0.1, chosen by the system) to PORTFILE."""
import socket
import sys
import threading
import time
import zlib

portfile, mode = sys.argv[1], sys.argv[2]
size = int(sys.argv[3]) if len(sys.argv) > 3 else 0
block = b"\0" * (1 << 20)


def gzip_stream(total):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    sent = 0
    while sent < total:
        n = min(len(block), total - sent)
        out = compressor.compress(block[:n])
        sent += n
        if out:
            yield out
    yield compressor.flush()


def handle(conn):
    try:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return
            data += chunk
        if mode == "big":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                         b"Content-Length: %d\r\n\r\n" % size)
            left = size
            while left > 0:
                n = min(left, len(block))
                conn.sendall(block[:n])
                left -= n
        elif mode == "gzipbomb":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                         b"Content-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(body))
            conn.sendall(body)
        elif mode == "trickle":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n")
            while True:
                conn.sendall(b"1\r\nx\r\n")
                time.sleep(1)
    except OSError:
        pass
    finally:
        conn.close()


body = b"".join(gzip_stream(size)) if mode == "gzipbomb" else b""  # once, before listening
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen(16)
with open(portfile, "w") as f:
    f.write(str(server.getsockname()[1]))
while True:
    conn, _ = server.accept()
    threading.Thread(target=handle, args=(conn,), daemon=True).start()
