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
  /digest        Digest auth (MD5, qop=auth, user "ada", password "lovelace", realm
                 "patchbay-ws"): any GET without a valid answer, handshake or not, gets 401 and
                 a challenge. On connect: sends {"user", "nc", "uri"} of the answer it took.
  /digest-reset  a plain GET: forgets every nonce handed out (200), so that a remembered
                 challenge is refused with 401 next time.
  /oauth         wants "Authorization: Bearer TOKEN" (401 otherwise, and for the token
                 "stale-token"). On connect: sends {"authorization"} as the server saw it.
Subprotocols chat.v2 and chat.v1 are accepted (the client's first supported one wins).
Messages up to 64 MiB are accepted.
"""

import asyncio
import hashlib
import http
import json
import re
import secrets
import ssl
import sys
from urllib.parse import parse_qs, urlsplit

import websockets


DIGEST_REALM = "patchbay-ws"
DIGEST_USERS = {"ada": "lovelace"}
NONCES = set()


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def digest_fields(header):
    if not header or not header.lower().startswith("digest "):
        return None
    return dict((k, v1 or v2) for k, v1, v2 in
                re.findall(r'(\w+)=(?:"([^"]*)"|([^\s,]*))', header[7:]))


def digest_answer_ok(path, header):
    f = digest_fields(header)
    if not f or f.get("realm") != DIGEST_REALM or f.get("nonce") not in NONCES:
        return False
    password = DIGEST_USERS.get(f.get("username"))
    if password is None or f.get("uri") != path or f.get("qop") != "auth":
        return False
    ha1 = md5("%s:%s:%s" % (f["username"], DIGEST_REALM, password))
    ha2 = md5("GET:%s" % f["uri"])
    expected = md5(":".join([ha1, f["nonce"], f.get("nc", ""), f.get("cnonce", ""), "auth", ha2]))
    return f.get("response") == expected


async def guard(path, headers):
    url = urlsplit(path)
    if url.path == "/digest-reset":
        NONCES.clear()
        return http.HTTPStatus.OK, [("Content-Type", "text/plain")], b"nonces forgotten\n"
    if url.path == "/digest" and not digest_answer_ok(path, headers.get("Authorization")):
        nonce = secrets.token_hex(16)
        NONCES.add(nonce)
        challenge = 'Digest realm="%s", qop="auth", algorithm=MD5, nonce="%s"' % (
            DIGEST_REALM, nonce)
        return (http.HTTPStatus.UNAUTHORIZED, [("WWW-Authenticate", challenge)],
                b"Digest auth required\n")
    if url.path == "/oauth":
        authorization = headers.get("Authorization") or ""
        token = authorization[7:] if authorization.startswith("Bearer ") else ""
        if not token or token == "stale-token":
            return (http.HTTPStatus.UNAUTHORIZED,
                    [("WWW-Authenticate", 'Bearer error="invalid_token"')], b"token refused\n")
    return None


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
    elif url.path == "/digest":
        f = digest_fields(ws.request_headers.get("Authorization"))
        await ws.send(json.dumps({"user": f["username"], "nc": f.get("nc"), "uri": f["uri"]}))
        await ws.wait_closed()
    elif url.path == "/oauth":
        await ws.send(json.dumps({"authorization": ws.request_headers.get("Authorization")}))
        await ws.wait_closed()
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
                                ping_interval=None, process_request=guard):
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
