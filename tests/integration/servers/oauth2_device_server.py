"""An OAuth 2.0 device authorization server (RFC 8628) for Patchbay's integration tests.

oauth2-mock-server has no device flow, so this one is built on Authlib (Debian's
python3-authlib), whose DeviceAuthorizationEndpoint and DeviceCodeGrant implement the RFC:
the server hands out device and user codes, answers authorization_pending while nobody has
approved, slow_down when the client polls faster than the interval, access_denied when the user
declines and expired_token when the code runs out. The test plays the user with POST /activate.

    client    "tv-app" (public)
    /device_authorization   RFC 8628 section 3.1 (interval 1 s, codes valid --expires-in s)
    /token                  the device code grant
    /activate               form user_code=...&decision=allow|deny: the user's answer
    /api/me                 a protected resource: 200 for a token this server issued
    /test/log               what the token endpoint answered, in order (error codes or "token")

Usage: /usr/bin/python3 oauth2_device_server.py --port N [--expires-in S]
"""

import argparse
import os
import secrets
import time

os.environ['AUTHLIB_INSECURE_TRANSPORT'] = '1'  # plain http on 127.0.0.1 only

from authlib.integrations.flask_oauth2 import AuthorizationServer  # noqa: E402
from authlib.oauth2.rfc6749 import ClientMixin  # noqa: E402
from authlib.oauth2.rfc8628 import (  # noqa: E402
    DeviceAuthorizationEndpoint,
    DeviceCodeGrant,
    DeviceCredentialDict,
)
from flask import Flask, jsonify, request  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument('--port', type=int, required=True)
parser.add_argument('--expires-in', type=int, default=60)
args = parser.parse_args()

BASE = f'http://127.0.0.1:{args.port}'
DEVICES = {}  # device_code -> DeviceCredentialDict
DECISIONS = {}  # user_code -> approved (bool)
LAST_POLL = {}  # device_code -> time of the last poll
TOKENS = {}  # access token -> scope
LOG = []


class Client(ClientMixin):
    def __init__(self, client_id):
        self.client_id = client_id

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        return scope or ''

    def check_redirect_uri(self, redirect_uri):
        return False

    def check_client_secret(self, client_secret):
        return False

    def check_endpoint_auth_method(self, method, endpoint):
        return method == 'none'

    def check_response_type(self, response_type):
        return False

    def check_grant_type(self, grant_type):
        return grant_type == DeviceCodeGrant.GRANT_TYPE


def query_client(client_id):
    return Client(client_id) if client_id == 'tv-app' else None


def save_token(token, req):
    TOKENS[token['access_token']] = token.get('scope', '')


class DeviceEndpoint(DeviceAuthorizationEndpoint):
    INTERVAL = 1
    EXPIRES_IN = args.expires_in

    def get_verification_uri(self):
        return BASE + '/activate'

    def save_device_credential(self, client_id, scope, data):
        DEVICES[data['device_code']] = DeviceCredentialDict(
            client_id=client_id, scope=scope, expires_at=time.time() + self.EXPIRES_IN, **data)


class DeviceGrant(DeviceCodeGrant):
    def query_device_credential(self, device_code):
        return DEVICES.get(device_code)

    def query_user_grant(self, user_code):
        if user_code not in DECISIONS:
            return None
        return {'name': 'ada'}, DECISIONS[user_code]

    def should_slow_down(self, credential):
        now = time.time()
        last = LAST_POLL.get(credential['device_code'])
        LAST_POLL[credential['device_code']] = now
        return last is not None and now - last < DeviceEndpoint.INTERVAL


app = Flask(__name__)
app.config['OAUTH2_TOKEN_EXPIRES_IN'] = {DeviceCodeGrant.GRANT_TYPE: 3600}
server = AuthorizationServer(app, query_client=query_client, save_token=save_token)
server.register_endpoint(DeviceEndpoint)
server.register_grant(DeviceGrant)


@app.post('/device_authorization')
def device_authorization():
    return server.create_endpoint_response(DeviceEndpoint.ENDPOINT_NAME)


@app.post('/token')
def token():
    response = server.create_token_response()
    body = response.get_json(silent=True) or {}
    LOG.append(body.get('error', 'token'))
    return response


@app.post('/activate')
def activate():
    DECISIONS[request.form['user_code']] = request.form.get('decision') == 'allow'
    return jsonify(ok=True)


@app.get('/api/me')
def me():
    auth = request.headers.get('Authorization', '')
    if not auth.startswith('Bearer ') or auth[7:] not in TOKENS:
        return jsonify(error='invalid_token'), 401
    return jsonify(sub='ada', scope=TOKENS[auth[7:]])


@app.get('/test/log')
def test_log():
    return jsonify(LOG)


if __name__ == '__main__':
    app.run(host='127.0.0.1', port=args.port, threaded=True)
