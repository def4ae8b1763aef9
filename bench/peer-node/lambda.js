'use strict';

// The peer as a Lambda custom runtime: the Runtime API loop (next → invoke → response or error),
// as Node's own runtime interface client does it, around the same skill.
const http = require('node:http');
const { createSkill } = require('./skill');

const [host, port] = (process.env.AWS_LAMBDA_RUNTIME_API || '127.0.0.1:9001').split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const base = '/2018-06-01/runtime';

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const request = http.request({
      host, port: Number(port), method, path: base + path, agent,
      headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
    }, response => {
      const chunks = [];
      response.on('data', c => chunks.push(c));
      response.on('end', () => resolve({ headers: response.headers, status: response.statusCode, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}

async function main() {
  const skill = createSkill();
  for (;;) {
    const next = await call('GET', '/invocation/next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    try {
      const event = JSON.parse(next.body.toString('utf8'));
      const response = await skill.invoke(event, { awsRequestId: id });
      await call('POST', `/invocation/${id}/response`, response);
    } catch (error) {
      await call('POST', `/invocation/${id}/error`, { errorMessage: String(error && error.message), errorType: 'Error' });
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
