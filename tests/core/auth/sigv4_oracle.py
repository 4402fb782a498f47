#!/usr/bin/python3
"""AWS Signature Version 4: Patchbay's signer against botocore's, byte for byte.

Run by ctest (tst_awssigv4_botocore) as: sigv4_oracle.py PATH/TO/sigv4_signtool

For every request of the matrix below, Patchbay (through sigv4_signtool: prepareRequest, then
core/auth's signer) and botocore (Debian python3-botocore: SigV4Auth, S3SigV4Auth and their
query-string variants, at the same fixed time) sign the same request; the canonical request,
the string to sign and the signature must be identical, and so must the Authorization header or
the presigned URL's signature. botocore is given the request as a Python client would describe
it (path and query decoded, then encoded by botocore and urllib), not Patchbay's re-encoded
URL, and the script also checks that Patchbay's URL still names the same path and query.

Exit status 0 when every case agrees, 1 otherwise (each difference is printed).
"""

import base64
import datetime
import json
import subprocess
import sys
import tempfile
from urllib.parse import quote, unquote, urlsplit

import botocore.auth
from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

TIMESTAMP = datetime.datetime(2015, 8, 30, 12, 36, 0)
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+token/with+plus=="
BINARY = bytes(range(256)) + b"\x00\xff\r\n" * 4


class FixedDatetime(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return TIMESTAMP


class FixedDatetimeModule:
    datetime = FixedDatetime


# botocore reads the clock through its module's `datetime`: fix it.
botocore.auth.datetime = FixedDatetimeModule


def shapes():
    """Requests as a user would type them: method, URL, params rows, headers, body."""
    json_body = '{"name": "Zoë", "price": 1.50, "tags": ["a", "b"]}'
    return [
        dict(name="get, no query", method="GET", url="https://{host}/"),
        dict(name="get, AWS doc query", method="GET",
             url="https://{host}/?Action=ListUsers&Version=2010-05-08"),
        dict(name="path with spaces and unicode", method="GET",
             url="https://{host}/my photos/été 2023/naïve ☃.jpg"),
        dict(name="path with reserved and encoded characters", method="GET",
             url="https://{host}/a%2Fb/(c)!*'/tilde~/semi;colon:at@/plus+sign"),
        dict(name="dot segments and double slashes", method="GET",
             url="https://{host}/a/./b/../c//d/", s3_path_kept=True),
        dict(name="repeated and unsorted query keys", method="GET",
             url="https://{host}/list?b=2&a=1&a=0&A=upper&c=&flag&&z=%7E",
             params=[("z", "last"), ("a", "-1"), ("a", "-10")], repeated=True),
        dict(name="query values with reserved and unicode characters", method="GET",
             url="https://{host}/search",
             params=[("q", "a b&c=d+e"), ("city", "Zürich"), ("mark", "~x*y'(z)!"),
                     ("slash", "/a/b")]),
        dict(name="post json body", method="POST", url="https://{host}/items",
             body=dict(mode="text", text=json_body, content_type="application/json")),
        dict(name="put binary body", method="PUT", url="https://{host}/blobs/bin.dat",
             body=dict(mode="binary", data=BINARY, content_type="application/octet-stream"),
             headers=[("x-amz-meta-owner", "ada"), ("X-Amz-Meta-Tag", "  spaced   out  ")]),
        dict(name="post with empty body", method="POST", url="https://{host}/actions/run"),
        dict(name="delete", method="DELETE", url="https://{host}/items/42?version=3"),
        dict(name="head", method="HEAD", url="https://{host}/items/42"),
        dict(name="patch with content-md5", method="PATCH", url="https://{host}/items/42",
             body=dict(mode="text", text="x=1", content_type="text/plain"),
             headers=[("Content-MD5", "fONG9DnUp0Gys1bgdxjh2Q==")]),
        dict(name="extra signed headers, repeated values", method="POST",
             url="https://{host}/extra",
             body=dict(mode="text", text="hello", content_type="text/plain; charset=utf-8"),
             headers=[("X-Custom", "one"), ("x-custom", " two  words "), ("Accept", "*/*"),
                      ("X-Not-Signed", "ignored")],
             extra=["X-Custom", "accept"], repeated=True),
        dict(name="non-default port, upper-case host", method="GET",
             url="http://LocalHost:4566/queue/q1?Action=SendMessage"),
        dict(name="custom method", method="PURGE", url="https://{host}/cache/all"),
    ]


def services():
    return [
        ("execute-api", "eu-west-1", "abc123.execute-api.eu-west-1.amazonaws.com"),
        ("s3", "us-east-1", "examplebucket.s3.amazonaws.com"),
    ]


def matrix():
    cases = []
    for shape in shapes():
        for service, region, host in services():
            for placement in ("header", "query"):
                body = shape.get("body")
                # botocore's presigners move a body into the query (query protocol services)
                # and fold repeated query keys into one: not presigned URLs Patchbay makes.
                if placement == "query" and (body or shape.get("repeated")):
                    continue
                for token in ("", TOKEN):
                    if token and placement == "header" and shape["name"] not in (
                            "delete", "put binary body", "get, AWS doc query"):
                        continue
                    cases.append(make_case(shape, service, region, host, placement, token))
    # Unsigned payloads (streamed bodies): S3 over any scheme, other services over HTTPS.
    for service, region, host in services():
        shape = dict(name="unsigned payload", method="PUT", url="https://{host}/upload/big.bin",
                     body=dict(mode="binary", data=BINARY * 3, content_type="video/mp4"))
        cases.append(make_case(shape, service, region, host, "header", "", unsigned=True))
        shape = dict(name="presigned, unsigned payload", method="GET", url="https://{host}/get")
        cases.append(make_case(shape, service, region, host, "query", "", unsigned=True))
    # Presigned URL lifetimes.
    for expires in (1, 900, 604800):
        shape = dict(name=f"presigned, expires {expires}", method="GET",
                     url="https://{host}/report.csv")
        cases.append(make_case(shape, "s3", "us-east-1", "examplebucket.s3.amazonaws.com",
                               "query", TOKEN, expires=expires))
    return cases


def make_case(shape, service, region, host, placement, token, unsigned=False, expires=3600):
    body = shape.get("body")
    case_body = {"mode": "none"}
    if body:
        case_body = {"mode": body["mode"], "content_type": body["content_type"]}
        if body["mode"] == "text":
            case_body["text"] = body["text"]
        else:
            case_body["base64"] = base64.b64encode(body["data"]).decode()
    name = f"{shape['name']} [{service}, {placement}{', token' if token else ''}" \
           f"{', unsigned' if unsigned else ''}]"
    return {
        "name": name,
        "method": shape["method"],
        "url": shape["url"].format(host=host),
        "params": [list(p) for p in shape.get("params", [])],
        "headers": [list(h) for h in shape.get("headers", [])],
        "body": case_body,
        "access_key": ACCESS_KEY, "secret_key": SECRET_KEY, "token": token,
        "region": region, "service": service, "placement": placement,
        "unsigned_payload": unsigned,
        "extra_signed_headers": shape.get("extra", []),
        "expires": expires,
        "timestamp": TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def body_bytes(case):
    body = case["body"]
    if body["mode"] == "text":
        return body["text"].encode("utf-8")
    if body["mode"] == "binary":
        return base64.b64decode(body["base64"])
    return b""


def decoded_query(query):
    """(name, value) pairs of a raw query, RFC 3986 style: '+' is a plus, not a space."""
    items = []
    for item in query.split("&"):
        if item:
            name, _, value = item.partition("=")
            items.append((unquote(name), unquote(value)))
    return items


def botocore_request(case):
    """The request as a Python client would hand it to botocore."""
    parts = urlsplit(case["url"])
    path = "/".join(quote(unquote(segment), safe="~") for segment in parts.path.split("/"))
    params = decoded_query(parts.query) + [tuple(p) for p in case["params"]]
    placement = case["placement"]
    signed = {"content-type", "content-md5"} if placement == "header" else set()
    signed |= {h.lower() for h in case["extra_signed_headers"]}
    headers = [(k, v) for k, v in case["headers"]
               if k.lower().startswith("x-amz-") or k.lower() in signed]
    body = case["body"]
    if body["mode"] != "none" and "content-type" in signed:
        headers.append(("Content-Type", body["content_type"]))
    request = AWSRequest(method=case["method"], url=f"{parts.scheme}://{parts.netloc}{path}",
                         data=body_bytes(case), params=params)
    for name, value in headers:
        request.headers[name] = value.strip()  # HTTPHeaders keeps repeated names
    if case["unsigned_payload"]:
        request.context["payload_signing_enabled"] = False

        class S3Config:
            s3 = {"payload_signing_enabled": False}

        request.context["client_config"] = S3Config()
    return request


def botocore_sign(case):
    credentials = Credentials(ACCESS_KEY, SECRET_KEY, case["token"] or None)
    s3 = case["service"] == "s3"
    if case["placement"] == "query":
        cls = S3SigV4QueryAuth if s3 else SigV4QueryAuth
        signer = cls(credentials, case["service"], case["region"], expires=case["expires"])
    else:
        cls = S3SigV4Auth if s3 else SigV4Auth
        signer = cls(credentials, case["service"], case["region"])
    # add_auth() step by step, to see the intermediate values it only logs...
    request = botocore_request(case)
    request.context["timestamp"] = TIMESTAMP.strftime(botocore.auth.SIGV4_TIMESTAMP)
    signer._modify_request_before_signing(request)
    canonical = signer.canonical_request(request)
    string_to_sign = signer.string_to_sign(request, canonical)
    signature = signer.signature(string_to_sign, request)
    # ...and add_auth() itself, whose result must carry the same signature.
    whole = botocore_request(case)
    signer.add_auth(whole)
    return {
        "canonical_request": canonical,
        "string_to_sign": string_to_sign,
        "signature": signature,
        "authorization": whole.headers.get("Authorization"),
        "url": whole.url,
        "headers": whole.headers,
    }


def same_target(case, ours):
    """Patchbay's URL must still name the request's path and query (plus its own X-Amz-*)."""
    problems = []
    expected = urlsplit(case["url"])
    got = urlsplit(ours["url"])
    want_path = [unquote(s) for s in expected.path.split("/")] or [""]
    got_path = [unquote(s) for s in got.path.split("/")]
    if want_path != got_path and not (expected.path == "" and got.path in ("", "/")):
        problems.append(f"path {got.path!r} is not {expected.path!r}")
    want_query = sorted(decoded_query(expected.query) + [tuple(p) for p in case["params"]])
    got_query = sorted(i for i in decoded_query(got.query) if not i[0].startswith("X-Amz-"))
    if want_query != got_query:
        problems.append(f"query {got_query} is not {want_query}")
    return problems


def compare(case, ours, theirs):
    problems = []
    if not ours.get("ok"):
        return [f"Patchbay refused to sign: {ours.get('error')}"]
    for key in ("canonical_request", "string_to_sign", "signature"):
        if ours[key] != theirs[key]:
            problems.append(f"{key} differs:\n--- Patchbay\n{ours[key]}\n--- botocore\n"
                            f"{theirs[key]}")
    if theirs["signature"] not in (theirs["authorization"] or theirs["url"]):
        problems.append("botocore's add_auth() disagrees with its own steps (oracle broken)")
    ours_headers = {k.lower(): v for k, v in ours["headers"]}
    if case["placement"] == "header":
        if ours_headers.get("authorization") != theirs["authorization"]:
            problems.append(f"Authorization differs:\n  {ours_headers.get('authorization')}\n"
                            f"  {theirs['authorization']}")
        for name in ("x-amz-date", "x-amz-security-token", "x-amz-content-sha256"):
            if ours_headers.get(name) != theirs["headers"].get(name):
                problems.append(f"{name}: {ours_headers.get(name)!r} is not "
                                f"{theirs['headers'].get(name)!r}")
    else:
        ours_signature = dict(decoded_query(urlsplit(ours["url"]).query)).get("X-Amz-Signature")
        theirs_query = dict(decoded_query(urlsplit(theirs["url"]).query))
        if ours_signature != theirs["signature"]:
            problems.append("the URL's X-Amz-Signature is not the signature")
        ours_query = dict(decoded_query(urlsplit(ours["url"]).query))
        for name in ("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
                     "X-Amz-SignedHeaders", "X-Amz-Security-Token", "X-Amz-Signature"):
            if ours_query.get(name) != theirs_query.get(name):
                problems.append(f"{name}: {ours_query.get(name)!r} is not "
                                f"{theirs_query.get(name)!r}")
    return problems + same_target(case, ours)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    cases = matrix()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(cases, f)
        path = f.name
    output = subprocess.run([sys.argv[1], path], capture_output=True, check=True, timeout=120)
    ours_by_name = {r["name"]: r for r in json.loads(output.stdout)}
    failures = 0
    for case in cases:
        problems = compare(case, ours_by_name.get(case["name"], {}), botocore_sign(case))
        print(f"{'FAIL' if problems else 'PASS'}: {case['name']}")
        for problem in problems:
            print("    " + problem.replace("\n", "\n    "))
        failures += bool(problems)
    print(f"{len(cases) - failures} of {len(cases)} requests signed exactly as botocore "
          f"{botocore.__version__} signs them")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
