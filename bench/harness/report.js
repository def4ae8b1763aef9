'use strict';

// Prints bench/run.sh's table from its results file (one JSON object per line).
//   node report.js RESULTS [--check]
// --check (the CI smoke): exits 1, saying why, when a row has no figures, a cold start did not answer
// right, or a warm run had a wrong answer, an error status or a refused connection. Slowness never fails it.
const fs = require('node:fs');
const os = require('node:os');

const check = process.argv.includes('--check');
const problems = [];
const lines = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').filter(Boolean).map(l => JSON.parse(l));
const median = values => {
  const v = values.filter(x => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};
const pick = (type, name, side) => lines.filter(l => l.type === type && l.name === name && l.side === side);
const fmt = (n, digits = 0) => (n === null || n === undefined ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ratio = (a, b) => (a === null || b === null || b === 0 ? null : a / b);

const rows = [];
const verdict = ok => (ok === null ? '—' : ok ? 'yes' : '**no**');

// What the Lambda start called in AWS, as counted by the stand-ins (bench/harness/aws-local.js), e.g.
// "SSM GetParameter, DynamoDB GetItem"; the same for every start or the run says so.
const awsCalls = (records, field = 'awsCalls') => {
  const seen = [...new Set(records.map(r => Object.entries(r[field] || {}).sort().map(([k, n]) => `${n > 1 ? `${n} × ` : ''}${k.replace(/^ssm (AmazonSSM\.)?/, 'SSM ').replace(/^dynamodb /, 'DynamoDB ')}`).join(', ') || 'nothing'))];
  return seen.length === 1 ? seen[0] : `varied: ${seen.join(' / ')}`;
};

for (const [name, label, target, touches] of [
  ['lambda', 'Lambda cold start, LaunchRequest without a token (start → first /response)', 0.1,
    o => `ours as deployed: before the answer ${awsCalls(o)}, after it (before asking for the next event) ${awsCalls(o, 'awsCallsAfter')} (dynalite and an SSM stand-in on loopback); peer: no store access`],
  ['http', 'HTTP cold start, the same launch (start → first 200 on /alexa)', 0.25,
    () => 'ours: nothing before the answer (the SQLite read of the alert link comes after it); peer: no store access'],
]) {
  const o = pick('cold', name, 'ours');
  const p = pick('cold', name, 'peer');
  const ours = median(o.map(l => l.ms));
  const peer = median(p.map(l => l.ms));
  const oCpu = median(o.map(l => l.cpuMs));
  const pCpu = median(p.map(l => l.cpuMs));
  const r = ratio(ours, peer);
  const rc = ratio(oCpu, pCpu);
  for (const l of [...o, ...p]) if (!l.ok) problems.push(`${name} cold start (${l.side}) did not answer with a response`);
  if (o.length === 0 || p.length === 0) problems.push(`${name} cold start: no result for ${o.length ? 'the peer' : 'ours'}`);
  rows.push([
    `${label}, median of ${o.length}; CPU: the process's CPU time until it answered. Touches: ${touches(o)}`,
    `${fmt(ours, 1)} ms (CPU ${fmt(oCpu, 1)} ms)`,
    `${fmt(peer, 1)} ms (CPU ${fmt(pCpu, 1)} ms)`,
    r === null ? 'n/a' : `${fmt(r, 2)}× (CPU ${rc === null ? 'n/a' : fmt(rc, 2)}×)`,
    `≤ ${target}×`,
    verdict(r === null ? null : r <= target)]);
}

for (const [name, label, unit, target] of [
  ['launch', 'warm LaunchRequest without a token (ours: one SQLite read, the alert link, after the answer; peer: nothing stored)', 'rps', null],
  ['balance', 'warm CheckBalance, PIN verified in the session (both: session read + write, one bank GET over HTTP)', 'rps', 4],
  ['prompt', 'warm CheckBalance asking for the enrolled PIN (both: session and PIN record read, session write; no bank)', 'rps', 4],
  ['conversation', 'warm send-money conversation (3 turns: bank GETs for payees and accounts, the PIN (ours: a MAC under the PIN key; peer: PBKDF2 100k), attempt claim, daily reservation, journal, bank POST)', 'conv/s', 4],
]) {
  const o = pick('warm', name, 'ours');
  const p = pick('warm', name, 'peer');
  if (o.length === 0 && p.length === 0) continue;
  const per = l => (name === 'conversation' ? l.rps / 3 : l.rps);
  const oRps = median(o.map(per));
  const pRps = median(p.map(per));
  const o99 = median(o.map(l => l.p99));
  const p99 = median(p.map(l => l.p99));
  const bad = [...o, ...p].reduce((a, l) => a + l.unexpected + l.errors, 0);
  const timeouts = [...o, ...p].reduce((a, l) => a + (l.timeouts || 0), 0);
  for (const l of [...o, ...p]) {
    if (l.unexpected || l.errors) problems.push(`${name} (${l.side}): ${l.unexpected} unexpected answers, ${l.errors} socket errors`);
    if (!l.rps) problems.push(`${name} (${l.side}): no answers at all`);
  }
  if (o.length === 0 || p.length === 0) problems.push(`${name}: no warm run for ${o.length ? 'the peer' : 'ours'}`);
  const r = ratio(oRps, pRps);
  // The server's CPU time per turn (per conversation on that row), from its /proc stat around each run.
  const each = name === 'conversation' ? 'conversation' : 'turn';
  const cpuPer = runs => median(runs.filter(l => l.requests > 0 && typeof l.cpuMs === 'number').map(l => l.cpuMs / (name === 'conversation' ? l.requests / 3 : l.requests)));
  const cell = (rps, runs, p99v) => `${fmt(rps, name === 'conversation' ? 1 : 0)} ${unit}, p50 ${fmt(median(runs.map(l => l.p50)), 2)} / p99 ${fmt(p99v, 1)} ms, CPU ${fmt(cpuPer(runs), 2)} ms/${each}`;
  rows.push([
    `${label}${bad ? ` (${bad} unexpected answers or socket errors)` : ''}${timeouts ? ` (${timeouts} wrk timeouts)` : ''}`,
    cell(oRps, o, o99),
    cell(pRps, p, p99),
    r === null ? 'n/a' : `${fmt(r, 2)}×`,
    target ? `≥ ${target}×, p99 below the peer's` : '—',
    target ? verdict(r !== null && r >= target && o99 !== null && p99 !== null && o99 < p99) : '—',
  ]);
}

const oRss = median(pick('rss', 'http', 'ours').map(l => l.kb));
const pRss = median(pick('rss', 'http', 'peer').map(l => l.kb));
if (oRss === null || pRss === null) problems.push('no peak RSS of the HTTP servers');
const rr = ratio(oRss, pRss);
rows.push(['peak RSS of the HTTP server after all warm runs (VmHWM)', `${fmt(oRss / 1024, 1)} MB`, `${fmt(pRss / 1024, 1)} MB`, rr === null ? 'n/a' : `${fmt(rr, 2)}×`, '≤ 0.5×', verdict(rr === null ? null : rr <= 0.5)]);
const oL = median(pick('cold', 'lambda', 'ours').map(l => l.rssKb));
const pL = median(pick('cold', 'lambda', 'peer').map(l => l.rssKb));
if (oL !== null || pL !== null) {
  rows.push(['peak RSS of the Lambda process after one cold LaunchRequest', `${fmt(oL / 1024, 1)} MB`, `${fmt(pL / 1024, 1)} MB`, ratio(oL, pL) === null ? 'n/a' : `${fmt(ratio(oL, pL), 2)}×`, '—', '—']);
}

const meta = { ...(lines.find(l => l.type === 'meta') || {}), ...(lines.find(l => l.type === 'meta-end') || {}) };
const cpu = (os.cpus()[0] || {}).model || 'unknown CPU';
console.log(`VoicePay vs Node ASK SDK ${meta.askSdk || ''} — ${meta.date || new Date().toISOString()}${meta.commit ? `, commit ${meta.commit}` : ''}`);
console.log(`${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, ${meta.dotnet ? `.NET SDK ${meta.dotnet}` : ''}`);
console.log(`load average at start ${meta.loadStart || '?'}, at end ${meta.loadEnd || fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; ${meta.settings || ''}`);
console.log('');
console.log('| what | VoicePay (Native AOT) | Node ASK SDK | ours / peer | target | met |');
console.log('| --- | --- | --- | ---: | --- | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);

if (check) {
  if (problems.length) {
    console.error(`\nbenchmark smoke FAILED:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.error('\nbenchmark smoke passed: every row ran and every answer was the expected one (figures from one short round are not a measurement)');
}
