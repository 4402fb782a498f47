// Starts oauth2-mock-server (a real OAuth 2.0 / OpenID Connect server, pinned in package.json)
// on 127.0.0.1 for Patchbay's integration tests, configured as a provider with rules:
//
//   clients   "patchbay-app" / secret "s3cret" (confidential: Basic or body authentication)
//             "public-app" (public: must use PKCE, which the mock server verifies)
//             "denying-app" (its users decline consent: the authorization ends in access_denied)
//   users     ada / "correct horse" for the password grant
//   tokens    JWTs that expire after --token-ttl seconds (default 3600); refresh tokens that
//             expire after --refresh-ttl seconds (default 3600) and can be used once
//   /api/me   a protected resource: 200 with the token's claims, 401 when the token is missing,
//             forged or expired
//   /test/log the token requests seen so far (grant types), for the tests to assert on
//
// Usage: node oauth2-server.mjs --port N [--token-ttl S] [--refresh-ttl S]
// Prints "listening on http://127.0.0.1:N" once it accepts connections.
import { createPublicKey, verify } from 'node:crypto';
import { OAuth2Server } from 'oauth2-mock-server';

function option(name, fallback) {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = Number(option('port', '0'));
const tokenTtl = Number(option('token-ttl', '3600'));
const refreshTtl = Number(option('refresh-ttl', '3600'));

const clients = {
    'patchbay-app': 's3cret',
    'public-app': null,
    'denying-app': null,
};
const users = { ada: 'correct horse' };
const refreshTokens = new Map(); // token -> issued at (ms)
const log = [];

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');

// The client id and secret of a token request: HTTP Basic (form-encoded, RFC 6749 2.3.1) or body.
function clientOf(req) {
    const header = req.headers.authorization ?? '';
    if (header.startsWith('Basic ')) {
        const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        const unform = (s) => decodeURIComponent(s.replace(/\+/g, ' '));
        return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
    }
    return { id: req.body?.client_id, secret: req.body?.client_secret };
}

function refuse(response, status, error, description) {
    response.statusCode = status;
    response.body = { error, error_description: description };
}

server.service.on('beforeTokenSigning', (token) => {
    const now = Math.floor(Date.now() / 1000);
    token.payload.iat = now;
    token.payload.exp = now + tokenTtl;
});

server.service.on('beforeResponse', (response, req) => {
    const body = req.body ?? {};
    const grant = body.grant_type;
    log.push(grant);
    const client = clientOf(req);
    if (!(client.id in clients)) {
        return refuse(response, 401, 'invalid_client', `Unknown client "${client.id}"`);
    }
    const expected = clients[client.id];
    if (expected !== null && client.secret !== expected) {
        return refuse(response, 401, 'invalid_client', 'Client authentication failed');
    }
    if (grant === 'password' && users[body.username] !== body.password) {
        return refuse(response, 400, 'invalid_grant', 'Wrong user name or password');
    }
    if (grant === 'authorization_code' && expected === null && !body.code_verifier) {
        return refuse(response, 400, 'invalid_grant', 'Public clients must use PKCE');
    }
    if (grant === 'refresh_token') {
        const issued = refreshTokens.get(body.refresh_token);
        refreshTokens.delete(body.refresh_token); // rotated: each one works once
        if (issued === undefined) {
            return refuse(response, 400, 'invalid_grant', 'Unknown or used refresh token');
        }
        if (Date.now() - issued > refreshTtl * 1000) {
            return refuse(response, 400, 'invalid_grant', 'Refresh token expired');
        }
    }
    response.body.expires_in = tokenTtl;
    if (grant === 'client_credentials') {
        delete response.body.refresh_token; // RFC 6749 4.4.3: none for this grant
    } else if (response.body.refresh_token === undefined) {
        response.body.refresh_token = `rt-${Date.now()}-${Math.random()}`;
    }
    if (response.body.refresh_token) refreshTokens.set(response.body.refresh_token, Date.now());
});

server.service.on('beforeAuthorizeRedirect', (authorizeRedirectUri, req) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.searchParams.get('client_id') === 'denying-app') {
        authorizeRedirectUri.url.searchParams.delete('code');
        authorizeRedirectUri.url.searchParams.set('error', 'access_denied');
        authorizeRedirectUri.url.searchParams.set('error_description', 'The user said no');
    }
});

// A resource server that trusts this issuer: verifies the RS256 signature and the expiry.
function claimsOf(authorization) {
    const match = /^Bearer (.+)$/.exec(authorization ?? '');
    if (!match) return null;
    const [header, payload, signature] = match[1].split('.');
    if (!signature) return null;
    const kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid;
    const jwk = server.issuer.keys.toJSON().find((k) => k.kid === kid);
    if (!jwk) return null;
    const ok = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`),
                      createPublicKey({ key: jwk, format: 'jwk' }),
                      Buffer.from(signature, 'base64url'));
    if (!ok) return null;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    return claims.exp > Date.now() / 1000 ? claims : null;
}

server.service.addRoute('GET', '/api/me', (req, res) => {
    const claims = claimsOf(req.headers.authorization);
    res.setHeader('Content-Type', 'application/json');
    if (!claims) {
        res.statusCode = 401;
        res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        res.end(JSON.stringify({ error: 'invalid_token' }));
        return;
    }
    res.statusCode = 200;
    res.end(JSON.stringify({ sub: claims.sub ?? null, scope: claims.scope ?? null }));
});

server.service.addRoute('GET', '/test/log', (req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(log));
});

await server.start(port, '127.0.0.1');
server.issuer.url = `http://127.0.0.1:${port}`;
console.log(`listening on ${server.issuer.url}`);

const stop = async () => {
    await server.stop();
    process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
