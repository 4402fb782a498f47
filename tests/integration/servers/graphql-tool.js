// graphql-js 16 (pinned in package-lock.json) as an oracle for Patchbay's GraphQL tests.
//   node graphql-tool.js introspect SCHEMA.graphql   prints the introspection result as JSON
//   node graphql-tool.js print SCHEMA.(graphql|json) prints the SDL: printSchema() with types
//                                                    and directives sorted by name, as Patchbay does
'use strict';
const fs = require('fs');
const {
  buildSchema, buildClientSchema, introspectionFromSchema, printSchema, GraphQLSchema,
} = require('graphql');

function load(file) {
  const text = fs.readFileSync(file, 'utf8');
  if (text.trimStart().startsWith('{')) {
    const json = JSON.parse(text);
    return buildClientSchema(json.data ? json.data : json);
  }
  return buildSchema(text);
}

const [command, file] = process.argv.slice(2);
const schema = load(file);
if (command === 'introspect') {
  process.stdout.write(JSON.stringify({ data: introspectionFromSchema(schema) }, null, 1) + '\n');
} else if (command === 'print') {
  const config = schema.toConfig();
  const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const sorted = new GraphQLSchema({
    ...config,
    types: [...config.types].sort(byName),
    directives: [...config.directives].sort(byName),
  });
  process.stdout.write(printSchema(sorted) + '\n');
} else {
  process.stderr.write('usage: graphql-tool.js introspect|print FILE\n');
  process.exit(2);
}
