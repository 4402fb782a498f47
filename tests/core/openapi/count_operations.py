#!/usr/bin/python3
"""Counts the operations of an OpenAPI/Swagger description, independently of Patchbay.

usage: count_operations.py SPEC
Prints one number: operations under paths, plus webhooks (3.1), plus callbacks of operations
(3.x), each path item followed through its $ref (also into other files).
"""
import os
import sys
from urllib.parse import unquote

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
docs = {}


def load(path):
    path = os.path.normpath(path)
    if path not in docs:
        with open(path, encoding="utf-8") as f:
            docs[path] = yaml.load(f, Loader=Loader)
    return docs[path]


def follow(node, base):
    """Returns (value, file it is in) after following $refs."""
    for _ in range(32):
        if not isinstance(node, dict) or "$ref" not in node:
            return node, base
        ref = node["$ref"]
        file_part, _, fragment = ref.partition("#")
        if file_part:
            base = os.path.join(os.path.dirname(base), file_part)
        node = load(base)
        for token in [t for t in unquote(fragment).split("/")[1:]]:
            token = token.replace("~1", "/").replace("~0", "~")
            node = node[int(token)] if isinstance(node, list) else node[token]
    raise SystemExit("ref loop")


def count_item(item, base, with_callbacks):
    item, base = follow(item, base)
    n = 0
    if not isinstance(item, dict):
        return 0
    for method, op in item.items():
        if method not in METHODS or not isinstance(op, dict):
            continue
        n += 1
        if with_callbacks:
            for callback in (op.get("callbacks") or {}).values():
                callback, cb_base = follow(callback, base)
                for expression_item in (callback or {}).values():
                    n += count_item(expression_item, cb_base, False)
    return n


def main():
    root = os.path.abspath(sys.argv[1])
    spec = load(root)
    is3 = "openapi" in spec
    total = 0
    for path, item in (spec.get("paths") or {}).items():
        if str(path).startswith("/"):
            total += count_item(item, root, is3)
    for item in (spec.get("webhooks") or {}).values():
        total += count_item(item, root, is3)
    print(total)


if __name__ == "__main__":
    main()
