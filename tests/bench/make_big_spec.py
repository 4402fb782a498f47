#!/usr/bin/python3
"""Makes a large OpenAPI description by replicating the paths of a real one.

usage: make_big_spec.py SPEC TARGET_MB OUT_BASE
Writes OUT_BASE.json and OUT_BASE.yaml: SPEC's paths copied under /r1, /r2, ... (operationIds get
the same suffix, so every operation stays unique) until the JSON text reaches TARGET_MB; the
components, servers, tags and security stay as they are. Prints the operation count.
"""
import copy
import json
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def main():
    src, target_mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    with open(src, encoding="utf-8") as f:
        spec = yaml.load(f, Loader=Loader)
    paths = spec.get("paths") or {}
    one = len(json.dumps(paths, indent=1, default=str, ensure_ascii=False).encode())
    rest = len(json.dumps(spec, indent=1, default=str, ensure_ascii=False).encode()) - one
    copies = max(1, int((target_mb * 1e6 - rest) / one) + 1)
    big = {}
    for i in range(1, copies + 1):
        for path, item in paths.items():
            item = copy.deepcopy(item)
            if isinstance(item, dict):
                for method in METHODS:
                    op = item.get(method)
                    if isinstance(op, dict) and "operationId" in op:
                        op["operationId"] = "%s_r%d" % (op["operationId"], i)
            big["/r%d%s" % (i, path)] = item
    spec["paths"] = big
    with open(out + ".json", "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=1, default=str, ensure_ascii=False)
    with open(out + ".yaml", "w", encoding="utf-8") as f:
        yaml.dump(spec, f, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=120)
    ops = sum(1 for item in big.values() if isinstance(item, dict) for m in METHODS if m in item)
    print(ops)


if __name__ == "__main__":
    main()
