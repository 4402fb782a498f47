#!/usr/bin/env python3
"""Writes the collections that tests/bench/run_vs_peers.sh runs: N PUT requests to BASE/users/1
with a small JSON body and no test script (every runner only sends), as
  OUT/put.postman_collection.json   Postman v2.1 (for patchbay-cli run and newman)
  OUT/bruno/                        a Bruno collection (bruno.json + one .bru per request)
usage: make_run_collections.py BASE_URL COUNT OUT_DIR"""
import json
import os
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    base, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(os.path.join(out, "bruno"), exist_ok=True)
    items = []
    for i in range(1, count + 1):
        body = json.dumps({"id": 1, "name": "Leanne Graham",
                           "email": "user%d@example.com" % i, "active": True})
        items.append({
            "name": "put %04d" % i,
            "request": {
                "method": "PUT",
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "url": "{{baseUrl}}/users/1",
                "body": {"mode": "raw", "raw": body,
                         "options": {"raw": {"language": "json"}}},
            },
        })
    collection = {
        "info": {"name": "PUT x %d" % count,
                 "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": [{"key": "baseUrl", "value": base}],
        "item": items,
    }
    with open(os.path.join(out, "put.postman_collection.json"), "w") as f:
        json.dump(collection, f, indent=1)

    bruno = os.path.join(out, "bruno")
    with open(os.path.join(bruno, "bruno.json"), "w") as f:
        json.dump({"version": "1", "name": "put-%d" % count, "type": "collection"}, f)
    for i, item in enumerate(items, start=1):
        with open(os.path.join(bruno, "put-%04d.bru" % i), "w") as f:
            f.write("meta {\n  name: put %04d\n  type: http\n  seq: %d\n}\n\n" % (i, i))
            f.write("put {\n  url: %s/users/1\n  body: json\n  auth: none\n}\n\n" % base)
            f.write("body:json {\n  %s\n}\n" % item["request"]["body"]["raw"])


if __name__ == "__main__":
    main()
