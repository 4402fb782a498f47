#!/usr/bin/python3
"""httpbin (Debian's python3-httpbin) on 127.0.0.1, with every request it receives appended to a
JSON-lines log as it arrived on the wire: method, the raw request target (path and query, not
decoded), headers in order and the body (base64). Used by tst_sendequivalence to compare what
newman and patchbay-cli send. Prints "PORT <n>" once it listens; runs until killed or until its
standard input closes.

usage: recording_httpbin.py LOGFILE
"""
import base64
import io
import json
import logging
import os
import sys
import threading

from httpbin import app as httpbin_app
from werkzeug.serving import make_server

log_path = sys.argv[1]
lock = threading.Lock()


def read_body(environ):
    if environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
        return environ["wsgi.input"].read()
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return environ["wsgi.input"].read(length) if length > 0 else b""


def recording_app(environ, start_response):
    body = read_body(environ)
    headers = []
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            headers.append([key[5:].replace("_", "-").lower(), value])
    if environ.get("CONTENT_TYPE"):
        headers.append(["content-type", environ["CONTENT_TYPE"]])
    if environ.get("CONTENT_LENGTH"):
        headers.append(["content-length", environ["CONTENT_LENGTH"]])
    entry = {
        "method": environ["REQUEST_METHOD"],
        "target": environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ["PATH_INFO"],
        "headers": headers,
        "body": base64.b64encode(body).decode("ascii"),
    }
    with lock, open(log_path, "a", encoding="utf-8") as log:
        log.write(json.dumps(entry) + "\n")
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return httpbin_app(environ, start_response)


def exit_with_parent():
    # The test holds our standard input open; when it ends (even by a crash) we end too.
    sys.stdin.read()
    os._exit(0)


threading.Thread(target=exit_with_parent, daemon=True).start()
logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log: nobody reads it
server = make_server("127.0.0.1", 0, recording_app, threaded=True)
print("PORT %d" % server.server_port, flush=True)
server.serve_forever()
