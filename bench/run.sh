#!/usr/bin/env bash
# VoicePay against the official Node ASK SDK, side by side on this machine, in one run:
# cold starts (Lambda via a Runtime API emulator, HTTP), warm throughput with p50/p99 under wrk,
# peak RSS. Prints one table with ratios (see bench/README.md for how to read it).
#
#   bench/run.sh                      # defaults
#   DURATION=10 ROUNDS=3 COLD_RUNS=7 bench/run.sh
#   SKIP_PUBLISH=1 bench/run.sh       # reuse $WORK/host and $WORK/function from an earlier run
#   HOST_DIR=artifacts/aot-host FUNCTION_DIR=artifacts/aot-bootstrap bench/run.sh   # binaries published elsewhere
#   SMOKE=1 bench/run.sh              # CI: one round of about a second per row, fails on any wrong answer
#   COLD_ONLY=1 bench/run.sh          # only the cold starts
#
# The Lambda function runs as serverless.template deploys it: its environment variables from the
# template, user state in the template's table on dynalite, the PIN pepper from SSM (a loopback
# stand-in), the AWS SDK's default credentials and endpoints (AWS_ENDPOINT_URL_*).
# Needs: .NET SDK, Node.js 20 with npm, clang (Native AOT) and wrk; as root the script installs
# clang and wrk with apt-get when they are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Binaries given from outside are used as they are (CI passes the ones build/test.sh published).
[ -n "${HOST_DIR:-}${FUNCTION_DIR:-}" ] && HOST_DIR_GIVEN=1
WORK="${WORK:-/tmp/voicepay-bench}"
if [ -n "${SMOKE:-}" ]; then
  # Proves every row runs and answers right; its figures are not a measurement.
  DURATION=1 ROUNDS=1 COLD_RUNS=1 WARMUP=1
fi
DURATION="${DURATION:-10}"      # seconds per warm run
ROUNDS="${ROUNDS:-2}"           # warm runs per scenario and side, interleaved ours/peer
COLD_RUNS="${COLD_RUNS:-5}"     # cold starts per kind and side, interleaved
WARMUP="${WARMUP:-3}"           # untimed seconds of load per side before the warm runs
HOST_DIR="$(realpath -m "${HOST_DIR:-$WORK/host}")"              # the published AOT host (VoicePay.Host)
FUNCTION_DIR="$(realpath -m "${FUNCTION_DIR:-$WORK/function}")"  # the published AOT Lambda bootstrap
CONNECTIONS="${CONNECTIONS:-8}"
HARNESS="$ROOT/bench/harness"
PEER="$ROOT/bench/peer-node"
RESULTS="$WORK/results.jsonl"

# Ports away from the local host's 5005, so a developer's running skill is never measured by mistake.
BANK_PORT=${BANK_PORT:-18100} OURS_PORT=${OURS_PORT:-18005} PEER_PORT=${PEER_PORT:-18200} COLD_OURS_PORT=18301 COLD_PEER_PORT=18302
SKILL_ID="amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
PEPPER="bG9jYWwtZGV2ZWxvcG1lbnQtcGVwcGVyLW5vdC1hLXNlY3JldA=="   # the public local-run pepper
BANK_URL="http://127.0.0.1:$BANK_PORT/sandbox/"
BENCH_USERS=8

log() { printf '\n==> %s\n' "$*" >&2; }

need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing $2"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "bench/run.sh needs $1 (Debian package $2)" >&2; exit 1; }
}

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 1' INT TERM

wait_for() { # url
  for _ in $(seq 1 300); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "nothing answered at $1" >&2
  exit 1
}

post() { # port file
  curl -s -H 'Content-Type: application/json' --data-binary @"$2" "http://127.0.0.1:$1/alexa"
}

expect_post() { # port file text
  local answer
  answer="$(post "$1" "$2")"
  case "$answer" in *"$3"*) ;; *) echo "port $1, $(basename "$2"): expected '$3', got: $answer" >&2; exit 1 ;; esac
}

for port in $BANK_PORT $OURS_PORT $PEER_PORT $COLD_OURS_PORT $COLD_PEER_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use; stop what listens there or set other ports" >&2
    exit 1
  fi
done

need wrk wrk
need clang clang
need curl curl
command -v node >/dev/null || { echo "bench/run.sh needs Node.js 20 and npm" >&2; exit 1; }

rm -rf "$WORK/run" && mkdir -p "$WORK/run" "$WORK/events"
: > "$RESULTS"

if [ -z "${SKIP_PUBLISH:-}" ] && [ -z "${HOST_DIR_GIVEN:-}" ]; then
  log "publishing the AOT host and the AOT Lambda bootstrap"
  dotnet publish "$ROOT/src/VoicePay.Host" -c Release -r linux-x64 -o "$HOST_DIR" -nologo -v quiet
  dotnet publish "$ROOT/src/VoicePay.Function" -c Release -r linux-x64 -o "$FUNCTION_DIR" -nologo -v quiet
fi
for bin in "$HOST_DIR/VoicePay.Host" "$FUNCTION_DIR/bootstrap"; do
  [ -x "$bin" ] || { echo "no published binary at $bin (publish it, or unset SKIP_PUBLISH/HOST_DIR/FUNCTION_DIR)" >&2; exit 1; }
done
log "installing the Node peer (npm ci) and dynalite"
(cd "$PEER" && npm ci --no-audit --no-fund --silent)
[ -f "$ROOT/test/dynalite/node_modules/dynalite/index.js" ] || (cd "$ROOT/test/dynalite" && npm ci --no-audit --no-fund --silent)

# Events: the sample events, plus a launch without tokens, a check balance in its own session (it
# keeps asking for the PIN there), all as the demo person.
node -e '
  const fs = require("fs"), [src, out] = process.argv.slice(1);
  const read = n => JSON.parse(fs.readFileSync(`${src}/${n}`));
  const launch = read("launch.json");
  delete launch.session.user.accessToken; delete launch.context.System.user.accessToken;
  fs.writeFileSync(`${out}/launch-notoken.json`, JSON.stringify(launch));
  const prompt = read("check-balance.json");
  prompt.session.sessionId = "amzn1.echo-api.session.bench-prompt";
  fs.writeFileSync(`${out}/check-balance-prompt.json`, JSON.stringify(prompt));
  for (const n of ["check-balance.json", "pin.json"]) fs.copyFileSync(`${src}/${n}`, `${out}/${n}`);
' "$ROOT/events" "$WORK/events"
EV="$WORK/events"

echo "{\"type\":\"meta\",\"date\":\"$(date -u '+%Y-%m-%d %H:%M UTC')\",\"loadStart\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"dotnet\":\"$(dotnet --version)\",\"commit\":\"$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' with uncommitted changes')\",\"askSdk\":\"$(node -p "require('$PEER/node_modules/ask-sdk-core/package.json').version")\",\"settings\":\"wrk $CONNECTIONS connections, ${DURATION}s × $ROUNDS rounds per side interleaved, $COLD_RUNS cold starts per side\"}" >> "$RESULTS"

# The sandbox bank both sides call: our published host serving only /sandbox, in its own process.
log "starting the sandbox bank on :$BANK_PORT"
mkdir -p "$WORK/run/bank"
(cd "$WORK/run/bank" && exec env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_CONTENTROOT="$HOST_DIR" \
  Urls="http://127.0.0.1:$BANK_PORT" VoicePay__Payments__BaseUrl="$BANK_URL" Logging__LogLevel__Default=Warning \
  "$HOST_DIR/VoicePay.Host" > bank.log 2>&1) &
PIDS+=($!)
wait_for "http://127.0.0.1:$BANK_PORT/health"

# ---------------------------------------------------------------- cold starts
log "cold starts ($COLD_RUNS per kind and side, interleaved)"
mkdir -p "$WORK/run/cold-fn" "$WORK/run/cold-host" "$WORK/run/cold-peer"
# The function as serverless.template deploys it (bench/harness/function-env.js: the template's variables, its
# memory size and JSON logging at INFO), on the template's table in dynalite and the pepper from SSM, both on
# loopback (bench/harness/aws-local.js). The AWS_* variables are what Lambda's environment provides: a region,
# the role's credentials, and here the endpoints of the local stand-ins.
log "starting dynalite with the template's table, and the SSM stand-in"
coproc AWS_LOCAL { exec node "$HARNESS/aws-local.js" "$ROOT/serverless.template" /voicepay/pin-pepper "$PEPPER"; }
PIDS+=($AWS_LOCAL_PID)
read -r -t 60 aws <&"${AWS_LOCAL[0]}" || { echo "dynalite or the SSM stand-in did not start" >&2; exit 1; }
aws_url() { node -p "JSON.parse(process.argv[1])[process.argv[2]]" "$aws" "$1"; }
SSM_URL="$(aws_url ssm)"
mapfile -t OURS_LAMBDA_ENV < <(node "$HARNESS/function-env.js" "$ROOT/serverless.template" \
  SkillId="$SKILL_ID" PaymentsApiBaseUrl="$BANK_URL" UserStateTable="$(aws_url table)" PinPepperParameterName=/voicepay/pin-pepper \
  PinKey.Arn=arn:aws:kms:us-east-1:000000000000:key/bench-pin-key)
OURS_LAMBDA_ENV+=(AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_SESSION_TOKEN=bench
  AWS_ENDPOINT_URL_DYNAMODB="$(aws_url dynamodb)" AWS_ENDPOINT_URL_SSM="$SSM_URL"
  # A launch checks no PIN, so KMS is never called; nothing listens here.
  AWS_ENDPOINT_URL_KMS=http://127.0.0.1:9
  AWS_LAMBDA_FUNCTION_NAME=bench AWS_LAMBDA_FUNCTION_VERSION=1 AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/bench AWS_LAMBDA_LOG_STREAM_NAME=bench)
OURS_HOST_ENV=(ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_CONTENTROOT="$HOST_DIR" Urls="http://127.0.0.1:$COLD_OURS_PORT" VoicePay__Payments__BaseUrl="$BANK_URL")
PEER_ENV=(PEER_STORE_DIR="$WORK/run/cold-peer/store" PEER_BANK_URL="$BANK_URL" AWS_LAMBDA_FUNCTION_NAME=bench)

cold() { # kind side command...   (run in a subshell that has cd'd and exported the side's environment)
  local kind="$1" side="$2"; shift 2
  local line port
  export EXPECT="Welcome to Voice Pay"   # coldstart.js: an error reply is not a start
  if [ "$kind" = lambda ]; then
    # The stand-ins' counters, read at the answer and again when the function asks for the next event.
    line="$(AWS_CALLS_URL="$SSM_URL/calls" node "$HARNESS/coldstart.js" lambda "$EV/launch-notoken.json" -- "$@")"
  else
    port=$([ "$side" = ours ] && echo $COLD_OURS_PORT || echo $COLD_PEER_PORT)
    line="$(node "$HARNESS/coldstart.js" http "http://127.0.0.1:$port/alexa" "$EV/launch-notoken.json" -- "$@")"
  fi
  # What an HTTP start touched in DynamoDB and SSM: nothing (only our Lambda calls them, and coldstart.js reads
  # the counters for it); the look restarts the counters for the next start.
  local calls; calls="$(curl -sf "$SSM_URL/calls")"
  [ "$kind" = lambda ] || line="{\"awsCalls\":$calls,${line#\{}"
  echo "{\"type\":\"cold\",\"name\":\"$kind\",\"side\":\"$side\",${line#\{}" >> "$RESULTS"
  echo "  $kind $side: $line" >&2
}

# One untimed start each, so the timed ones find their data files made (a deployed function or
# host starts on existing state; the first start of a new install is not what we compare).
(cd "$WORK/run/cold-host" && export "${OURS_HOST_ENV[@]}" && node "$HARNESS/coldstart.js" http "http://127.0.0.1:$COLD_OURS_PORT/alexa" "$EV/launch-notoken.json" -- "$HOST_DIR/VoicePay.Host" >/dev/null)
(cd "$WORK/run/cold-fn" && export "${OURS_LAMBDA_ENV[@]}" && node "$HARNESS/coldstart.js" lambda "$EV/launch-notoken.json" -- "$FUNCTION_DIR/bootstrap" >/dev/null)
curl -sf -o /dev/null "$SSM_URL/calls"   # forget the untimed start's calls
for _ in $(seq 1 "$COLD_RUNS"); do
  (cd "$WORK/run/cold-fn" && export "${OURS_LAMBDA_ENV[@]}" && cold lambda ours "$FUNCTION_DIR/bootstrap")
  (cd "$WORK/run/cold-peer" && export "${PEER_ENV[@]}" && cold lambda peer node "$PEER/lambda.js")
  (cd "$WORK/run/cold-host" && export "${OURS_HOST_ENV[@]}" && cold http ours "$HOST_DIR/VoicePay.Host")
  (cd "$WORK/run/cold-peer" && export "${PEER_ENV[@]}" PORT=$COLD_PEER_PORT && cold http peer node "$PEER/server.js")
done

if [ -n "${COLD_ONLY:-}" ]; then
  # Only the cold-start rows (for working on start-up): the report leaves the warm rows empty.
  echo "{\"type\":\"meta-end\",\"loadEnd\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >> "$RESULTS"
  node "$HARNESS/report.js" "$RESULTS"
  exit 0
fi

# ---------------------------------------------------------------- warm servers
log "starting both HTTP servers for the warm runs"
mkdir -p "$WORK/run/ours" "$WORK/run/peer"
# Each bench person pays $0.01 to the same payee over and over; "You sent that a minute ago. Send another?"
# (VoicePay:Transfers:ConfirmRepeatWithin) would turn every later conversation into four turns, and the peer
# has no such question, so it is off here as the daily limit is raised.
(cd "$WORK/run/ours" && exec env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_CONTENTROOT="$HOST_DIR" \
  Urls="http://127.0.0.1:$OURS_PORT" VoicePay__Payments__BaseUrl="$BANK_URL" VoicePay__Limits__Daily=1000000000 \
  VoicePay__Transfers__ConfirmRepeatWithin=00:00:00 \
  Logging__LogLevel__Default=Warning "$HOST_DIR/VoicePay.Host" > host.log 2>&1) &
OURS_PID=$!; PIDS+=($OURS_PID)
(cd "$WORK/run/peer" && exec env PEER_STORE_DIR="$WORK/run/peer/store" PEER_BANK_URL="$BANK_URL" PEER_DAILY_LIMIT=1000000000 PORT=$PEER_PORT \
  node "$PEER/server.js" > server.log 2>&1) &
PEER_PID=$!; PIDS+=($PEER_PID)
wait_for "http://127.0.0.1:$OURS_PORT/health"
wait_for "http://127.0.0.1:$PEER_PORT/health"
for pid in $OURS_PID $PEER_PID; do
  kill -0 "$pid" 2>/dev/null || { echo "a server exited at start; see $WORK/run/*/*.log" >&2; exit 1; }
done

log "enrolling voice PIN 1234 for the demo person and $BENCH_USERS bench people on both sides"
users=(amzn1.ask.account.TESTUSER)
for i in $(seq 1 $BENCH_USERS); do users+=("amzn1.ask.account.BENCH$i"); done
for u in "${users[@]}"; do
  curl -sf -o /dev/null -H 'Content-Type: application/json' --data "{\"userId\":\"$u\",\"pin\":\"1234\"}" "http://127.0.0.1:$OURS_PORT/sandbox/voice-pin"
done
(cd "$PEER" && PEER_STORE_DIR="$WORK/run/peer/store" node enroll.js 1234 "${users[@]}")

PRIMED=0
prime() { # port: a new demo session with the PIN verified, so CheckBalance there reads balances for 5 minutes
  PRIMED=$((PRIMED + 1))
  local session="amzn1.echo-api.session.bench-balance-$PRIMED"
  # New request ids too: the skill answers a repeated id from its replay guard, which verifies no PIN.
  sed "s/amzn1.echo-api.session.local-demo/$session/; s/amzn1.echo-api.request.local/amzn1.echo-api.request.prime-$PRIMED/" "$EV/check-balance.json" > "$EV/balance.json"
  sed "s/amzn1.echo-api.session.local-demo/$session/; s/amzn1.echo-api.request.local/amzn1.echo-api.request.prime-$PRIMED/" "$EV/pin.json" > "$EV/balance-pin.json"
  expect_post "$1" "$EV/balance.json" "PIN"
  expect_post "$1" "$EV/balance-pin.json" "Here are your balances"
}

cpu_ms() { # pid: the process's user + system CPU time so far, in ms
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat"
}

warm() { # name side port wrk-args...
  local name="$1" side="$2" port="$3"; shift 3
  local out pid before after
  pid=$([ "$side" = ours ] && echo "$OURS_PID" || echo "$PEER_PID")
  before="$(cpu_ms "$pid")"
  out="$(wrk --latency -d"${DURATION}s" "$@" "http://127.0.0.1:$port/alexa")"
  after="$(cpu_ms "$pid")"
  # The server's CPU time over the run, so a row can say what a turn cost besides how long it took.
  printf '%s\n' "$out" | node "$HARNESS/wrkjson.js" "$name" "$side" | sed "s/^{/{\"type\":\"warm\",\"cpuMs\":$(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }'),/" >> "$RESULTS"
  echo "  $name $side: $(printf '%s\n' "$out" | grep -E 'Requests/sec|unexpected' | tr -s ' ' | tr '\n' ' ')" >&2
}

scenario() { # name expect wrk-args...
  local name="$1" expect="$2"; shift 2
  log "warm: $name"
  for _ in $(seq 1 "$ROUNDS"); do
    for side in ours peer; do
      local port=$([ $side = ours ] && echo $OURS_PORT || echo $PEER_PORT)
      [ "$name" = balance ] && prime "$port"
      EXPECT="$expect" warm "$name" "$side" "$port" "$@"
    done
  done
}

# A few seconds of warm-up for each side, not recorded.
for port in $OURS_PORT $PEER_PORT; do
  BODY="$EV/launch-notoken.json" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$HARNESS/post.lua" "http://127.0.0.1:$port/alexa" >/dev/null
  prime "$port"
  BODY="$EV/balance.json" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$HARNESS/post.lua" "http://127.0.0.1:$port/alexa" >/dev/null
done

BODY="$EV/launch-notoken.json" scenario launch "Welcome to Voice Pay" -t2 -c"$CONNECTIONS" -s "$HARNESS/post.lua"
BODY="$EV/balance.json" scenario balance "Here are your balances" -t2 -c"$CONNECTIONS" -s "$HARNESS/post.lua"
BODY="$EV/check-balance-prompt.json" scenario prompt "four-digit voice PIN" -t2 -c"$CONNECTIONS" -s "$HARNESS/post.lua"
EVENTS="$ROOT/events" USER_PREFIX=amzn1.ask.account.BENCH scenario conversation "" -t"$BENCH_USERS" -c"$BENCH_USERS" -s "$HARNESS/conversation.lua"

for side in ours peer; do
  pid=$([ $side = ours ] && echo $OURS_PID || echo $PEER_PID)
  kb="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")"
  echo "{\"type\":\"rss\",\"name\":\"http\",\"side\":\"$side\",\"kb\":$kb}" >> "$RESULTS"
done

echo "{\"type\":\"meta-end\",\"loadEnd\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >> "$RESULTS"
log "results ($RESULTS)"
node "$HARNESS/report.js" "$RESULTS" ${SMOKE:+--check}
