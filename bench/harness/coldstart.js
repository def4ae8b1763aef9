'use strict';

// Cold start, measured the same way for every program (ours and the peer):
//   node coldstart.js lambda EVENT.json -- COMMAND ARGS...
//     runs a Lambda Runtime API emulator on a loopback port, starts COMMAND with
//     AWS_LAMBDA_RUNTIME_API pointing at it, and times process start → first /response.
//   node coldstart.js http URL EVENT.json -- COMMAND ARGS...
//     starts COMMAND and POSTs EVENT to URL every millisecond until the first 200: start → first 200.
// Either way the child is then asked to stop (SIGTERM, then SIGKILL) and one line of JSON is printed:
//   {"ms": 12.3, "ok": true, "rssKb": 23456}   (rssKb: the child's VmHWM when it answered)
// ok: the answer is an Alexa response and, when $EXPECT is set, contains it (an error reply is not a start).
// The child's working directory, environment and stdout/stderr come from this process.

const http = require('node:http');
const fs = require('node:fs');
const { spawn } = require('node:child_process');

const args = process.argv.slice(2);
const split = args.indexOf('--');
if (split < 0) {
  console.error('usage: coldstart.js lambda EVENT -- CMD... | coldstart.js http URL EVENT -- CMD...');
  process.exit(2);
}
const [mode, ...options] = args.slice(0, split);
const [command, ...commandArgs] = args.slice(split + 1);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const expected = body => !process.env.EXPECT || body.includes(process.env.EXPECT);

function peakRssKb(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

// CPU time the child has used so far, all threads (ns from /proc/PID/task/*/schedstat): less
// sensitive than wall time to other work on a shared machine.
function cpuMs(pid) {
  try {
    let ns = 0;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    }
    return Math.round(ns / 1e5) / 10;
  } catch {
    return null;
  }
}

// The AWS stand-ins' call counters (bench/harness/aws-local.js; each look restarts them), when $AWS_CALLS_URL names them.
function awsCallsNow() {
  if (!process.env.AWS_CALLS_URL) return Promise.resolve(undefined);
  return new Promise(resolve => {
    http.get(process.env.AWS_CALLS_URL, r => {
      const chunks = [];
      r.on('data', c => chunks.push(c));
      r.on('end', () => { try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))); } catch { resolve(undefined); } });
    }).on('error', () => resolve(undefined));
  });
}

function finish(child, result) {
  result.cpuMs ??= cpuMs(child.pid);
  result.rssKb ??= peakRssKb(child.pid);
  process.stdout.write(JSON.stringify(result) + '\n');
  child.kill('SIGTERM');
  const hard = setTimeout(() => child.kill('SIGKILL'), 2000);
  child.on('exit', () => {
    clearTimeout(hard);
    process.exit(result.ok ? 0 : 1);
  });
}

function lambda(eventFile) {
  const event = fs.readFileSync(eventFile);
  const prefix = '/2018-06-01/runtime';
  let child;
  let started;
  let served = false;
  let answered = null;
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', c => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (request.method === 'GET' && request.url === `${prefix}/invocation/next`) {
        if (served) {
          // The second /next parks, as Lambda's does between invocations. It ends the invocation: what the
          // function did after posting its answer (before asking again) is counted apart from the start.
          if (answered) {
            const result = answered;
            answered = null;
            result.afterMs = Math.round((now() - started - result.ms) * 10) / 10;
            awsCallsNow().then(calls => { result.awsCallsAfter = calls; finish(child, result); });
          }
          return;
        }
        served = true;
        response.writeHead(200, {
          'content-type': 'application/json',
          'lambda-runtime-aws-request-id': 'cold-start-1',
          'lambda-runtime-deadline-ms': String(Date.now() + 30000),
          'lambda-runtime-invoked-function-arn': 'arn:aws:lambda:us-east-1:000000000000:function:bench',
          'lambda-runtime-trace-id': 'Root=1-00000000-000000000000000000000000',
        });
        response.end(event);
        return;
      }
      const accepted = () => { response.writeHead(202, { 'content-type': 'application/json' }); response.end('{"status":"OK"}'); };
      if (request.url.endsWith('/invocation/cold-start-1/response')) {
        const ms = now() - started;
        // Time, CPU and memory at the answer; then wait (up to 5 s) for the next /next.
        answered = { ms: Math.round(ms * 10) / 10, ok: /"version"/.test(body) && /"response"/.test(body) && expected(body), cpuMs: cpuMs(child.pid), rssKb: peakRssKb(child.pid) };
        const result = answered;
        // The AWS calls before the answer are read before Lambda's 202: what the function does once its answer is
        // accepted (the work it leaves for after the answer) must not race into this count.
        awsCallsNow().then(calls => { result.awsCalls = calls; accepted(); });
        setTimeout(() => { if (answered === result) { answered = null; finish(child, result); } }, 5000);
        return;
      }
      accepted();
      if (request.url.endsWith('/error')) {
        process.stderr.write(`runtime error at ${request.url}: ${body}\n`);
        finish(child, { ms: null, ok: false });
      }
    });
  });
  server.keepAliveTimeout = 60000;
  server.listen(0, '127.0.0.1', () => {
    const api = `127.0.0.1:${server.address().port}`;
    started = now();
    child = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, AWS_LAMBDA_RUNTIME_API: api } });
    child.on('exit', code => {
      if (!process.exitCode && code !== null && code !== 0) {
        process.stderr.write(`child exited with ${code} before answering\n`);
        process.exit(1);
      }
    });
  });
}

function httpMode(url, eventFile) {
  const event = fs.readFileSync(eventFile);
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: false });
  const started = now();
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'inherit'] });
  let done = false;
  const deadline = setTimeout(() => {
    done = true;
    finish(child, { ms: null, ok: false });
  }, 30000);
  const attempt = () => {
    if (done) return;
    const request = http.request({
      host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': event.length },
    }, response => {
      const chunks = [];
      response.on('data', c => chunks.push(c));
      response.on('end', () => {
        if (done) return;
        if (response.statusCode === 200) {
          done = true;
          clearTimeout(deadline);
          const ms = now() - started;
          const body = Buffer.concat(chunks).toString('utf8');
          finish(child, { ms: Math.round(ms * 10) / 10, ok: /"response"/.test(body) && expected(body) });
        } else {
          setTimeout(attempt, 1);
        }
      });
    });
    request.on('error', () => setTimeout(attempt, 1));
    request.end(event);
  };
  attempt();
}

if (mode === 'lambda') lambda(options[0]);
else if (mode === 'http') httpMode(options[0], options[1]);
else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
