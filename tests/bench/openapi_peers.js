// Converts an OpenAPI description with a peer's converter, for tests/bench/openapi_vs_peers.sh.
// usage: node openapi_peers.js postman|bruno SPEC
// Prints the requests made and the conversion time (file already read; start-up excluded).
'use strict';
const fs = require('fs');
const path = require('path');

const modules = path.join(__dirname, '..', 'integration', 'servers', 'node_modules');
const [tool, spec] = process.argv.slice(2);
const text = fs.readFileSync(spec, 'utf8');

function countPostman(items) {
  let n = 0;
  for (const item of items || []) n += item.request ? 1 : countPostman(item.item);
  return n;
}

function countBruno(items) {
  let n = 0;
  for (const item of items || []) n += item.type === 'http-request' ? 1 : countBruno(item.items);
  return n;
}

const start = process.hrtime.bigint();
const done = (requests) => {
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${tool}: ${requests} requests in ${ms.toFixed(0)} ms`);
};
if (tool === 'bruno') {
  const { openApiToBruno } = require(path.join(modules, '@usebruno', 'converters'));
  done(countBruno(openApiToBruno(text).items));
} else if (tool === 'postman') {
  const Converter = require(path.join(modules, 'openapi-to-postmanv2'));
  Converter.convert({ type: 'string', data: text }, {}, (err, result) => {
    if (err || !result.result) {
      console.error(err || result.reason);
      process.exit(1);
    }
    done(countPostman(result.output[0].data.item));
  });
} else {
  console.error('usage: node openapi_peers.js postman|bruno SPEC');
  process.exit(2);
}
