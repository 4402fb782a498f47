#!/usr/bin/python3
"""A loopback HTTP server that checks signed requests with the reference libraries.

Usage: authverifier.py PORT KEYDIR

Before it listens on 127.0.0.1:PORT it generates fresh keys and writes them, with the shared
secrets and OAuth credentials it accepts, to KEYDIR/credentials.json (and the PEM files next
to it), so that tests sign with exactly what the server checks.

  /oauth1/...        any method: an OAuth 1.0a request, checked by oauthlib's server side
                     (SignatureOnlyEndpoint with HMAC-SHA1, HMAC-SHA256, RSA-SHA1, PLAINTEXT;
                     replayed nonces are refused).
  /awsv4/...         an AWS Signature v4 request (Authorization header), signed again by
                     botocore's SigV4Auth from what arrived (the headers the request says it
                     signed, its X-Amz-Date, the body) with the credentials below; the two
                     Authorization values must be equal.
  /jwt/KEY/...       a JWT from "Authorization: Bearer", the X-Api-Token header or the
                     access_token query parameter, checked by PyJWT with KEY: text, base64 (HS*),
                     rsa (RS256) or ec (ES256). exp and iat are required; ?audience= and
                     ?issuer= are checked when given.

Valid requests get 200, others 401; the JSON body says what the library saw or why it refused.
"""

import base64
import json
import os
import secrets
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from oauthlib.oauth1 import (SIGNATURE_HMAC_SHA1, SIGNATURE_HMAC_SHA256, SIGNATURE_HMAC_SHA512,
                             SIGNATURE_PLAINTEXT, SIGNATURE_RSA_SHA1, SIGNATURE_RSA_SHA256,
                             SIGNATURE_RSA_SHA512, RequestValidator, SignatureOnlyEndpoint)

CONSUMER_KEY = "patchbayConsumerKey0001"
CONSUMER_SECRET = "kd94hf93k423kf44 &\u00fc+/="
TOKEN = "patchbayAccessToken000001"
TOKEN_SECRET = "pfkkdhi9sl3r4s00~!*\u00e9"
# oauthlib's server decodes oauth_* parameters from the query or body twice, so a PLAINTEXT
# signature placed there only verifies when the secrets need no percent-encoding (its own
# Client fails the same way with the secrets above). A second consumer has such secrets.
PLAIN_CONSUMER_KEY = "patchbayPlainConsumer01"
PLAIN_CONSUMER_SECRET = "plain-consumer_secret.42~"
PLAIN_TOKEN_SECRET = "plain-token_secret.7"
SECRETS = {CONSUMER_KEY: (CONSUMER_SECRET, TOKEN_SECRET),
           PLAIN_CONSUMER_KEY: (PLAIN_CONSUMER_SECRET, PLAIN_TOKEN_SECRET)}
JWT_TEXT_SECRET = "patchbay jwt secret: \u00fc & \U0001f511"
AWS = {"access_key": "AKIDPATCHBAYEXAMPLE", "secret_key": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
       "region": "eu-west-1", "service": "execute-api"}


def pem(key, fmt):
    return key.private_bytes(serialization.Encoding.PEM, fmt,
                             serialization.NoEncryption()).decode()


def public_pem(key):
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def make_credentials(keydir):
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    other_curve = ec.generate_private_key(ec.SECP384R1())
    hs_bytes = secrets.token_bytes(48)
    credentials = {
        "consumer_key": CONSUMER_KEY, "consumer_secret": CONSUMER_SECRET,
        "token": TOKEN, "token_secret": TOKEN_SECRET,
        "plain_consumer_key": PLAIN_CONSUMER_KEY, "plain_consumer_secret": PLAIN_CONSUMER_SECRET,
        "plain_token_secret": PLAIN_TOKEN_SECRET,
        "jwt_text_secret": JWT_TEXT_SECRET,
        "jwt_base64_secret": base64.b64encode(hs_bytes).decode(),
        "rsa_pkcs1": pem(rsa_key, serialization.PrivateFormat.TraditionalOpenSSL),
        "rsa_pkcs8": pem(rsa_key, serialization.PrivateFormat.PKCS8),
        "ec_sec1": pem(ec_key, serialization.PrivateFormat.TraditionalOpenSSL),
        "ec_pkcs8": pem(ec_key, serialization.PrivateFormat.PKCS8),
        "ec_p384": pem(other_curve, serialization.PrivateFormat.PKCS8),
        "aws": AWS,
    }
    path = os.path.join(keydir, "credentials.json")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(credentials, f)
    os.replace(path + ".tmp", path)
    return {
        "rsa_public": public_pem(rsa_key),
        "ec_public": public_pem(ec_key),
        "hs_text": JWT_TEXT_SECRET.encode("utf-8"),
        "hs_base64": hs_bytes,
    }


class Validator(RequestValidator):
    enforce_ssl = False  # loopback http

    def __init__(self, rsa_public):
        super().__init__()
        self.rsa_public = rsa_public
        self.seen = set()

    @property
    def allowed_signature_methods(self):
        return (SIGNATURE_HMAC_SHA1, SIGNATURE_HMAC_SHA256, SIGNATURE_HMAC_SHA512,
                SIGNATURE_RSA_SHA1, SIGNATURE_RSA_SHA256, SIGNATURE_RSA_SHA512,
                SIGNATURE_PLAINTEXT)

    @property
    def dummy_client(self):
        return "dummyClientKey00000000"

    @property
    def dummy_access_token(self):
        return "dummyAccessToken0000000"

    def validate_client_key(self, client_key, request):
        return client_key in SECRETS

    def get_client_secret(self, client_key, request):
        return SECRETS.get(client_key, ("dummy", ""))[0]

    def get_access_token_secret(self, client_key, token, request):
        return SECRETS.get(client_key, ("", "dummy"))[1] if token == TOKEN else "dummy"

    def get_rsa_key(self, client_key, request):
        return self.rsa_public

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request,
                                     request_token=None, access_token=None):
        key = (client_key, timestamp, nonce, request_token or access_token)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "authverifier"

    def log_message(self, format, *args):  # quiet: the test reports what matters
        pass

    def reply(self, status, payload):
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = urlsplit(self.path).path
        if path.startswith("/oauth1/"):
            self.check_oauth1(body)
        elif path.startswith("/awsv4/"):
            self.check_awsv4(body)
        elif path.startswith("/jwt/"):
            self.check_jwt(path.split("/")[2])
        else:
            self.reply(404, {"error": "unknown path"})

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_any

    def check_oauth1(self, body):
        uri = "http://" + self.headers["Host"] + self.path
        headers = {k: v for k, v in self.headers.items()}
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text = ""  # not a form: oauthlib ignores it anyway
        valid, request = self.server.endpoint.validate_request(uri, self.command, text, headers)
        payload = {"valid": valid}
        if request is not None:
            payload["params"] = request.params
            payload["signature_method"] = request.signature_method
            payload["log"] = request.validator_log
            payload["realm"] = request.realm
        self.reply(200 if valid else 401, payload)

    def check_awsv4(self, body):
        # Imported here: only this check needs botocore.
        import datetime
        import botocore.auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        received = self.headers.get("Authorization", "")
        fields = dict(part.strip().split("=", 1) for part in received.split(" ", 1)[-1].split(",")
                      if "=" in part)
        signed = fields.get("SignedHeaders", "").split(";")
        stamp = self.headers.get("X-Amz-Date", "")
        try:
            when = datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ")
        except ValueError:
            self.reply(401, {"valid": False, "error": "no X-Amz-Date"})
            return

        class Fixed(datetime.datetime):
            @classmethod
            def utcnow(cls):
                return when

        class Module:
            datetime = Fixed

        botocore.auth.datetime = Module
        headers = {name: self.headers[name] for name in signed if name and name != "host"}
        request = AWSRequest(method=self.command, url="http://" + self.headers["Host"] + self.path,
                             headers=headers, data=body)
        credentials = Credentials(AWS["access_key"], AWS["secret_key"],
                                  self.headers.get("X-Amz-Security-Token"))
        botocore.auth.SigV4Auth(credentials, AWS["service"], AWS["region"]).add_auth(request)
        expected = request.headers["Authorization"]
        valid = expected == received
        self.reply(200 if valid else 401, {"valid": valid, "expected": expected,
                                           "received": received})

    def check_jwt(self, key_name):
        query = parse_qs(urlsplit(self.path).query)
        token = None
        authorization = self.headers.get("Authorization", "")
        if authorization.startswith("Bearer "):
            token = authorization[len("Bearer "):]
        token = token or self.headers.get("X-Api-Token") or query.get("access_token", [None])[0]
        if not token:
            self.reply(401, {"valid": False, "error": "no token"})
            return
        keys = self.server.keys
        key, algorithms = {
            "text": (keys["hs_text"], ["HS256", "HS384", "HS512"]),
            "base64": (keys["hs_base64"], ["HS256", "HS384", "HS512"]),
            "rsa": (keys["rsa_public"], ["RS256"]),
            "ec": (keys["ec_public"], ["ES256"]),
        }[key_name]
        try:
            claims = jwt.decode(token, key, algorithms=algorithms,
                                audience=query.get("audience", [None])[0],
                                issuer=query.get("issuer", [None])[0],
                                options={"require": ["exp", "iat"]})
        except jwt.PyJWTError as error:
            self.reply(401, {"valid": False, "error": f"{type(error).__name__}: {error}"})
            return
        self.reply(200, {"valid": True, "header": jwt.get_unverified_header(token),
                         "claims": claims})


def main():
    port, keydir = int(sys.argv[1]), sys.argv[2]
    keys = make_credentials(keydir)
    server = HTTPServer(("127.0.0.1", port), Handler)
    server.keys = keys
    server.endpoint = SignatureOnlyEndpoint(Validator(keys["rsa_public"]))
    server.serve_forever()


if __name__ == "__main__":
    main()
