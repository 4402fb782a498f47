#!/usr/bin/python3
"""A loopback Server-Sent Events server (Python's http.server) for Patchbay's tests.

Usage: sse_server.py PORT

  /slow?count=N&interval=MS  `retry: 100`, then N events (id: 1..N, event: tick,
                             data: {"n": i}) one every MS milliseconds, then ends the stream.
  /drop?per=N&pause=MS&retry=MS
                             `retry: MS` (default 50), N events per connection, then MS
                             (default 100) later drops the connection without the stream's
                             end. A reconnection must send Last-Event-ID equal to the last
                             id this server sent, or it gets 412 and no stream; ids go on
                             from there. The third connection ends its stream normally, and
                             the next request gets 204 (EventSource's "stop reconnecting").
  /orders?count=N&interval=MS
                             A shop's order feed for screenshots: N events (id: 101..,
                             event: order.created, order.paid, order.shipped or heartbeat,
                             JSON data) one every MS milliseconds, then ends the stream.
  /log                       JSON: the Last-Event-ID header of every /drop request, in order
                             (null when absent).
"""

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LOCK = threading.Lock()
DROP_LOG = []
STATE = {"last_sent": None, "connections": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # the stream ends when the connection closes

    def log_message(self, *args):
        pass

    def start_stream(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.wfile.flush()

    def event(self, text):
        self.wfile.write(text.encode("utf-8"))
        self.wfile.flush()

    def do_GET(self):
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped listening

    def route(self):
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if url.path == "/slow":
            count = int(query.get("count", ["5"])[0])
            interval = int(query.get("interval", ["300"])[0]) / 1000.0
            self.start_stream()
            self.event("retry: 100\n: slow stream\n\n")
            for i in range(1, count + 1):
                if i > 1:
                    time.sleep(interval)
                self.event('id: %d\nevent: tick\ndata: {"n": %d}\n\n' % (i, i))
            return
        if url.path == "/drop":
            per = int(query.get("per", ["2"])[0])
            pause = int(query.get("pause", ["100"])[0]) / 1000.0
            retry = int(query.get("retry", ["50"])[0])
            last_id = self.headers.get("Last-Event-ID")
            with LOCK:
                DROP_LOG.append(last_id)
                expected = STATE["last_sent"]
                connection = STATE["connections"] + 1
                if expected is not None and last_id != expected:
                    refuse = True
                else:
                    refuse = False
                    STATE["connections"] += 1
                    connection = STATE["connections"]
            if connection > 3:
                self.send_response(204)
                self.end_headers()
                return
            if refuse:
                body = ("expected Last-Event-ID %s, got %s" % (expected, last_id)).encode()
                self.send_response(412)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            start = int(expected) if expected else 0
            self.start_stream()
            self.event("retry: %d\n\n" % retry)
            for i in range(start + 1, start + per + 1):
                self.event("id: %d\ndata: event %d\n\n" % (i, i))
                with LOCK:
                    STATE["last_sent"] = str(i)
            if connection < 3:
                # Half an event, then the connection drops (no orderly end of the stream).
                self.event("data: never dispatched")
                time.sleep(pause)  # let the client read what came before the drop
                self.connection.shutdown(2)
            return
        if url.path == "/orders":
            count = int(query.get("count", ["10"])[0])
            interval = int(query.get("interval", ["200"])[0]) / 1000.0
            self.start_stream()
            self.event(": order feed\n\n")
            for i in range(count):
                if i:
                    time.sleep(interval)
                self.event(order_event(i))
            return
        if url.path == "/log":
            with LOCK:
                body = json.dumps(DROP_LOG).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_error(404)


CUSTOMERS = ["ada@example.com", "grace@example.com", "linus@example.com", "barbara@example.com"]
ITEMS = [("keyboard", 89.0), ("monitor", 249.5), ("usb-c cable", 12.99), ("desk lamp", 34.0)]


def order_event(i):
    """Every fourth event is a heartbeat; the others walk orders through their states."""
    event_id = 101 + i
    if i % 4 == 3:
        return "id: %d\nevent: heartbeat\ndata: {\"ok\": true}\n\n" % event_id
    order = 5000 + i // 4
    state = ["order.created", "order.paid", "order.shipped"][i % 4]
    name, price = ITEMS[(i // 4) % len(ITEMS)]
    data = {
        "order": order,
        "customer": CUSTOMERS[(i // 4) % len(CUSTOMERS)],
        "status": state.split(".")[1],
        "items": [{"sku": name, "qty": 1 + (i // 4) % 2, "price": price}],
        "total": round(price * (1 + (i // 4) % 2), 2),
    }
    return "id: %d\nevent: %s\ndata: %s\n\n" % (event_id, state, json.dumps(data))


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
