'use strict';

// Reads wrk's --latency output on stdin and prints one JSON line:
// {"name":..., "side":..., "rps":..., "requests":n, "p50":ms, "p99":ms, "unexpected":n, "errors":n, "timeouts":n}
// (errors: connect, read and write errors; timeouts: wrk's own 2-second timeout, which load alone can cause)
const [name, side] = process.argv.slice(2);
let text = '';
process.stdin.on('data', c => (text += c));
process.stdin.on('end', () => {
  const ms = (value, unit) => Number(value) * ({ us: 0.001, ms: 1, s: 1000, m: 60000 }[unit] ?? NaN);
  const latency = p => {
    const m = text.match(new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm'));
    return m ? Math.round(ms(m[1], m[2]) * 100) / 100 : null;
  };
  const number = re => {
    const m = text.match(re);
    return m ? Number(m[1]) : 0;
  };
  const socket = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const result = {
    name,
    side,
    rps: number(/Requests\/sec:\s+([\d.]+)/),
    requests: number(/(\d+) requests in/),
    p50: latency(50),
    p99: latency(99),
    unexpected: number(/unexpected answers: (\d+)/) + number(/Non-2xx or 3xx responses: (\d+)/),
    errors: socket ? socket.slice(1, 4).reduce((a, b) => a + Number(b), 0) : 0,
    timeouts: socket ? Number(socket[4]) : 0,
    conversations: number(/conversations completed: (\d+)/) || undefined,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
});
