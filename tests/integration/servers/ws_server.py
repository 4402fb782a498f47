#!/usr/bin/python3
"""A loopback WebSocket server (Debian's python3-websockets) for Patchbay's tests.

Usage: ws_server.py PORT [CERT KEY]   (with CERT and KEY: wss, TLS)

Paths:
  /echo          sends every message back as it came (text as text, binary as binary).
  /push          sends {"push": i} for i = 1..count (?count=3&interval=MS) on its own.
  /fragments     on each message, answers with a text message in three fragments
                 ("frag-1|frag-2|frag-3") and a binary one in two (bytes 0..9).
  /big           on a text message "send N": sends N bytes of text ('x' * N); on a binary
                 message: answers {"size": n, "sha256": hex} about it.
  /close         after the first message, closes with ?code= (default 4001) and ?reason=.
  /headers       on connect: sends {"path", "authorization", "subprotocol", "origin",
                 "custom"} as the server saw them.
Subprotocols chat.v2 and chat.v1 are accepted (the client's first supported one wins).
Messages up to 64 MiB are accepted.
"""

import asyncio
import hashlib
import json
import ssl
import sys
from urllib.parse import parse_qs, urlsplit

import websockets


async def handler(ws, path):
    url = urlsplit(path)
    query = parse_qs(url.query)
    if url.path == "/echo":
        async for message in ws:
            await ws.send(message)
    elif url.path == "/push":
        count = int(query.get("count", ["3"])[0])
        interval = int(query.get("interval", ["100"])[0]) / 1000.0
        for i in range(1, count + 1):
            await ws.send(json.dumps({"push": i}))
            await asyncio.sleep(interval)
        await ws.wait_closed()
    elif url.path == "/fragments":
        async for _ in ws:
            await ws.send(["frag-1|", "frag-2|", "frag-3"])
            await ws.send([bytes(range(0, 5)), bytes(range(5, 10))])
    elif url.path == "/big":
        async for message in ws:
            if isinstance(message, str) and message.startswith("send "):
                await ws.send("x" * int(message[5:]))
            elif isinstance(message, bytes):
                await ws.send(json.dumps({"size": len(message),
                                          "sha256": hashlib.sha256(message).hexdigest()}))
    elif url.path == "/close":
        code = int(query.get("code", ["4001"])[0])
        reason = query.get("reason", ["done here"])[0]
        await ws.recv()
        await ws.close(code=code, reason=reason)
    elif url.path == "/headers":
        headers = ws.request_headers
        await ws.send(json.dumps({
            "path": path,
            "authorization": headers.get("Authorization"),
            "subprotocol": ws.subprotocol,
            "origin": headers.get("Origin"),
            "custom": headers.get("X-Custom"),
        }))
        await ws.wait_closed()
    else:
        await ws.close(code=4404, reason="unknown path " + url.path)


async def main():
    port = int(sys.argv[1])
    context = None
    if len(sys.argv) >= 4:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
    async with websockets.serve(handler, "127.0.0.1", port, ssl=context,
                                subprotocols=["chat.v2", "chat.v1"], max_size=64 * 1024 * 1024,
                                ping_interval=None):
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
