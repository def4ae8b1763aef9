'use strict';

// The AWS services the deployed function calls, on loopback, for bench/run.sh:
//   node aws-local.js TEMPLATE PARAMETER-NAME PARAMETER-VALUE
// starts dynalite (in memory; test/dynalite's package, as the test fixtures run it), creates the user-state
// table exactly as serverless.template declares it (key schema, attributes, index, billing mode, TTL), and
// serves SSM GetParameter for the one SecureString the function reads at init (the PIN pepper). It prints one
// line of JSON when both answer: {"dynamodb":"http://127.0.0.1:P","ssm":"http://127.0.0.1:Q","table":"..."}
// and then counts the calls each service received: GET /calls on the SSM address returns them and starts again.
// Every request must carry a SigV4 Authorization header and the JSON protocol's X-Amz-Target; the SSM
// stand-in answers only GetParameter for that name with WithDecryption, so a misconfigured function fails
// its init instead of being measured.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const [templateFile, parameterName, parameterValue] = process.argv.slice(2);
if (!templateFile || !parameterName || !parameterValue) {
  console.error('usage: aws-local.js TEMPLATE PARAMETER-NAME PARAMETER-VALUE');
  process.exit(2);
}
const root = path.resolve(__dirname, '../..');
const dynalite = require(path.join(root, 'test/dynalite/node_modules/dynalite'));
const calls = {};
const count = name => (calls[name] = (calls[name] || 0) + 1);
const signed = request => /^AWS4-HMAC-SHA256 Credential=\S+, ?SignedHeaders=\S+, ?Signature=[0-9a-f]+$/.test(request.headers.authorization || '');

function listen(server) {
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

function ssm() {
  return http.createServer((request, response) => {
    const chunks = [];
    request.on('data', c => chunks.push(c));
    request.on('end', () => {
      if (request.method === 'GET' && request.url === '/calls') {
        // Not an AWS API: the calls received since the last look, for the run's record of what a turn touched.
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(calls));
        for (const key of Object.keys(calls)) delete calls[key];
        return;
      }
      const target = request.headers['x-amz-target'];
      count(`ssm ${target}`);
      const answer = (status, body) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(body));
      };
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400, { __type: 'SerializationException', message: 'body is not JSON' });
      }
      if (!signed(request)) return answer(403, { __type: 'MissingAuthenticationTokenException', message: 'no SigV4 Authorization' });
      if (target !== 'AmazonSSM.GetParameter') return answer(400, { __type: 'UnknownOperationException', message: `${target} is not served here` });
      if (body.Name !== parameterName) return answer(400, { __type: 'ParameterNotFound', message: `no parameter ${body.Name}` });
      if (body.WithDecryption !== true) return answer(400, { __type: 'ValidationException', message: 'a SecureString needs WithDecryption' });
      answer(200, { Parameter: { Name: parameterName, Type: 'SecureString', Value: parameterValue, Version: 1, DataType: 'text', ARN: `arn:aws:ssm:us-east-1:000000000000:parameter${parameterName}` } });
    });
  });
}

async function dynamo(endpoint, target, body) {
  const payload = Buffer.from(JSON.stringify(body));
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${target}`,
      'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
      authorization: 'AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
    },
    body: payload,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${target}: ${response.status} ${text}`);
  return JSON.parse(text);
}

// The table as the template declares it; CloudFormation's property names are the API's.
async function createTable(endpoint) {
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8'));
  const table = template.Resources.UserStateTable.Properties;
  const name = 'VoicePayUserState';
  await dynamo(endpoint, 'CreateTable', {
    TableName: name,
    BillingMode: table.BillingMode,
    AttributeDefinitions: table.AttributeDefinitions,
    KeySchema: table.KeySchema,
    GlobalSecondaryIndexes: table.GlobalSecondaryIndexes,
  });
  try {
    await dynamo(endpoint, 'UpdateTimeToLive', { TableName: name, TimeToLiveSpecification: table.TimeToLiveSpecification });
  } catch {
    // dynalite does not implement TTL; expiry plays no part in a benchmark run.
  }
  return name;
}

async function main() {
  const db = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // Counts by operation, so the run can say which store calls a turn made.
  db.prependListener('request', request => count(`dynamodb ${String(request.headers['x-amz-target'] || '').split('.').pop()}`));
  const dynamodb = await listen(db);
  const ssmUrl = await listen(ssm());
  const table = await createTable(dynamodb);
  for (const key of Object.keys(calls)) delete calls[key];
  process.stdout.write(JSON.stringify({ dynamodb, ssm: ssmUrl, table }) + '\n');
}

process.on('SIGTERM', () => process.exit(0));
main().catch(error => {
  console.error(error);
  process.exit(1);
});
