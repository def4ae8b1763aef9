'use strict';

// Prints bench/run.sh's table from its results file (one JSON object per line).
const fs = require('node:fs');
const os = require('node:os');

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

for (const [name, label, target] of [['lambda', 'Lambda cold start, LaunchRequest (start → first /response)', 0.1], ['http', 'HTTP cold start (start → first 200 on /alexa)', 0.25]]) {
  const ours = median(pick('cold', name, 'ours').map(l => l.ms));
  const peer = median(pick('cold', name, 'peer').map(l => l.ms));
  const oCpu = median(pick('cold', name, 'ours').map(l => l.cpuMs));
  const pCpu = median(pick('cold', name, 'peer').map(l => l.cpuMs));
  const r = ratio(ours, peer);
  const rc = ratio(oCpu, pCpu);
  const runs = pick('cold', name, 'ours').length;
  rows.push([
    `${label}, median of ${runs} (CPU: the process's CPU time until it answered)`,
    `${fmt(ours, 1)} ms (CPU ${fmt(oCpu, 1)} ms)`,
    `${fmt(peer, 1)} ms (CPU ${fmt(pCpu, 1)} ms)`,
    r === null ? 'n/a' : `${fmt(r, 2)}× (CPU ${rc === null ? 'n/a' : fmt(rc, 2)}×)`,
    `≤ ${target}×`,
    verdict(r === null ? null : r <= target)]);
}

for (const [name, label, unit, target] of [
  ['launch', 'warm LaunchRequest (no token)', 'rps', null],
  ['balance', 'warm CheckBalance, PIN verified in the session (store read + write, bank GET over HTTP)', 'rps', 4],
  ['prompt', 'warm CheckBalance asking for the enrolled PIN (store reads + write, no bank)', 'rps', 4],
  ['conversation', 'warm send-money conversation (3 turns, PBKDF2 100k PIN, transfer)', 'conv/s', 4],
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
  const r = ratio(oRps, pRps);
  rows.push([
    `${label}${bad ? ` (${bad} unexpected answers or socket errors)` : ''}`,
    `${fmt(oRps, name === 'conversation' ? 1 : 0)} ${unit}, p50 ${fmt(median(o.map(l => l.p50)), 2)} / p99 ${fmt(o99, 1)} ms`,
    `${fmt(pRps, name === 'conversation' ? 1 : 0)} ${unit}, p50 ${fmt(median(p.map(l => l.p50)), 2)} / p99 ${fmt(p99, 1)} ms`,
    r === null ? 'n/a' : `${fmt(r, 2)}×`,
    target ? `≥ ${target}×, p99 below the peer's` : '—',
    target ? verdict(r !== null && r >= target && o99 !== null && p99 !== null && o99 < p99) : '—',
  ]);
}

const oRss = median(pick('rss', 'http', 'ours').map(l => l.kb));
const pRss = median(pick('rss', 'http', 'peer').map(l => l.kb));
const rr = ratio(oRss, pRss);
rows.push(['peak RSS of the HTTP server after all warm runs (VmHWM)', `${fmt(oRss / 1024, 1)} MB`, `${fmt(pRss / 1024, 1)} MB`, rr === null ? 'n/a' : `${fmt(rr, 2)}×`, '≤ 0.5×', verdict(rr === null ? null : rr <= 0.5)]);
const oL = median(pick('cold', 'lambda', 'ours').map(l => l.rssKb));
const pL = median(pick('cold', 'lambda', 'peer').map(l => l.rssKb));
if (oL !== null || pL !== null) {
  rows.push(['peak RSS of the Lambda process after one cold LaunchRequest', `${fmt(oL / 1024, 1)} MB`, `${fmt(pL / 1024, 1)} MB`, ratio(oL, pL) === null ? 'n/a' : `${fmt(ratio(oL, pL), 2)}×`, '—', '—']);
}

const meta = { ...(lines.find(l => l.type === 'meta') || {}), ...(lines.find(l => l.type === 'meta-end') || {}) };
const cpu = (os.cpus()[0] || {}).model || 'unknown CPU';
console.log(`VoicePay vs Node ASK SDK ${meta.askSdk || ''} — ${meta.date || new Date().toISOString()}`);
console.log(`${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, ${meta.dotnet ? `.NET SDK ${meta.dotnet}` : ''}`);
console.log(`load average at start ${meta.loadStart || '?'}, at end ${meta.loadEnd || fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; ${meta.settings || ''}`);
console.log('');
console.log('| what | VoicePay (Native AOT) | Node ASK SDK | ours / peer | target | met |');
console.log('| --- | --- | --- | ---: | --- | --- |');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
