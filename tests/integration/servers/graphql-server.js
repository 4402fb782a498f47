// A real GraphQL server for Patchbay's integration tests: graphql-js 16 and graphql-http
// (pinned in package-lock.json) over node's http module, on 127.0.0.1.
//   node graphql-server.js PORT SCHEMA.graphql TOKEN
// Serves POST and GET on /graphql. Queries need no auth, but introspection (__schema, __type)
// is refused unless the request carries "Authorization: Bearer TOKEN". The data is a tiny
// Star Wars cast for tests/core/graphql/data/starwars.graphql.
// Subscriptions: graphql-ws (pinned) on the same port and path, over WebSocket with the
// graphql-transport-ws subprotocol. The handshake must carry "Authorization: Bearer TOKEN"
// (else the connection is closed with 4403). reviewAdded(episode) yields every review
// createReview adds for that episode from then on; for JEDI it first yields a greeting review
// at once, so that a client can tell it is subscribed.
'use strict';
const fs = require('fs');
const http = require('http');
const { buildSchema, NoSchemaIntrospectionCustomRule } = require('graphql');
const { createHandler } = require('graphql-http/lib/use/http');
const { WebSocketServer } = require('ws');
const { useServer } = require('graphql-ws/use/ws');

const [port, schemaFile, token] = process.argv.slice(2);
const schema = buildSchema(fs.readFileSync(schemaFile, 'utf8'));

const cast = {};
const friendsOf = (ids) => () => ids.map((id) => cast[id]);
cast['1000'] = { __typename: 'Human', id: '1000', name: 'Luke Skywalker', homePlanet: 'Tatooine',
  appearsIn: ['NEWHOPE', 'EMPIRE', 'JEDI'], height: () => 1.72, friends: friendsOf(['2001']) };
cast['2001'] = { __typename: 'Droid', id: '2001', name: 'R2-D2', primaryFunction: 'Astromech',
  appearsIn: ['NEWHOPE', 'EMPIRE', 'JEDI'], friends: friendsOf(['1000']) };
const reviews = [];
const listeners = new Set(); // (review) => void, one per live subscription

// An async iterator of the reviews added for `episode`, ended by the client's complete.
function reviewFeed(episode) {
  const queue = [];
  let wake = null;
  let done = false;
  const listener = (review) => {
    if (review.episode !== episode) return;
    queue.push(review);
    if (wake) wake();
  };
  listeners.add(listener);
  if (episode === 'JEDI') queue.push({ episode, stars: 5, commentary: 'subscribed' });
  return {
    [Symbol.asyncIterator]() { return this; },
    async next() {
      while (!done && queue.length === 0) await new Promise((resolve) => { wake = resolve; });
      if (done) return { value: undefined, done: true };
      return { value: { reviewAdded: queue.shift() }, done: false };
    },
    async return() {
      done = true;
      listeners.delete(listener);
      if (wake) wake();
      return { value: undefined, done: true };
    },
  };
}

const root = {
  hero: ({ episode }) => (episode === 'EMPIRE' ? cast['1000'] : cast['2001']),
  human: ({ id }) => (cast[id] && cast[id].__typename === 'Human' ? cast[id] : null),
  droid: ({ id }) => (cast[id] && cast[id].__typename === 'Droid' ? cast[id] : null),
  node: ({ id }) => cast[id] || null,
  search: ({ text }) => Object.values(cast).filter((c) => c.name.includes(text)),
  reviews: ({ episode }) => reviews.filter((r) => r.episode === episode),
  createReview: ({ episode, review }) => {
    const created = { episode, stars: review.stars, commentary: review.commentary };
    reviews.push(created);
    for (const listener of listeners) listener(created);
    return created;
  },
};

const authorized = (req) => req.headers.authorization === `Bearer ${token}`;
const handler = createHandler({
  schema,
  rootValue: root,
  validationRules: (req, args, rules) =>
    authorized(req.raw) ? rules : [...rules, NoSchemaIntrospectionCustomRule],
});

const server = http.createServer((req, res) => {
  if (req.url.startsWith('/graphql')) {
    handler(req, res);
  } else {
    res.writeHead(404).end();
  }
});
const sockets = new WebSocketServer({ server, path: '/graphql' });
useServer({
  schema,
  roots: { subscription: { reviewAdded: ({ episode }) => reviewFeed(episode) } },
  onConnect: (ctx) => authorized(ctx.extra.request),
}, sockets);

server.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`listening on 127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
