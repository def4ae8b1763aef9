#!/usr/bin/env bash
# A soak: at least TURNS (default 100,000) mixed turns against the published AOT host, reading its
# RSS after every 5-second chunk, to show whether memory stays flat. Turns cycle through:
# CheckBalance with the PIN verified (store + bank), CheckBalance asking for the PIN in another
# session (store only), and a launch with a linked account. Uses the host bench/run.sh published
# into $WORK (publishes one if there is none, or always with PUBLISH=1).
#
#   bench/soak.sh            # prints "turns N  RSS M MB" lines and a summary
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${WORK:-/tmp/voicepay-bench}"
TURNS="${TURNS:-100000}"
BANK_PORT=${BANK_PORT:-18110} OURS_PORT=${OURS_PORT:-18015}
BANK_URL="http://127.0.0.1:$BANK_PORT/sandbox/"
HARNESS="$ROOT/bench/harness"

command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
if [ ! -x "$WORK/host/VoicePay.Host" ] || [ -n "${PUBLISH:-}" ]; then
  dotnet publish "$ROOT/src/VoicePay.Host" -c Release -r linux-x64 -o "$WORK/host" -nologo -v quiet
fi

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
trap 'exit 1' INT TERM
rm -rf "$WORK/soak" && mkdir -p "$WORK/soak/bank" "$WORK/soak/ours" "$WORK/soak/events"

start() { # dir port log
  (cd "$1" && exec env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_CONTENTROOT="$WORK/host" Urls="http://127.0.0.1:$2" \
    VoicePay__Payments__BaseUrl="$BANK_URL" VoicePay__Pin__VerifiedFor=1.00:00:00 Logging__LogLevel__Default=Warning \
    "$WORK/host/VoicePay.Host" > "$3" 2>&1) &
}
start "$WORK/soak/bank" "$BANK_PORT" bank.log; PIDS+=($!)
start "$WORK/soak/ours" "$OURS_PORT" host.log; OURS_PID=$!; PIDS+=($OURS_PID)
for port in $BANK_PORT $OURS_PORT; do
  for _ in $(seq 1 300); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.1; done
done

EV="$WORK/soak/events"
sed 's/amzn1.echo-api.session.local-demo/amzn1.echo-api.session.soak-verified/' "$ROOT/events/check-balance.json" > "$EV/balance.json"
sed 's/amzn1.echo-api.session.local-demo/amzn1.echo-api.session.soak-verified/' "$ROOT/events/pin.json" > "$EV/pin.json"
sed 's/amzn1.echo-api.session.local-demo/amzn1.echo-api.session.soak-prompt/' "$ROOT/events/check-balance.json" > "$EV/prompt.json"
post() { curl -s -H 'Content-Type: application/json' --data-binary @"$1" "http://127.0.0.1:$OURS_PORT/alexa"; }
post "$EV/balance.json" | grep -q PIN
post "$EV/pin.json" | grep -q "Here are your balances"

rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$OURS_PID/status"; }
echo "after start and priming: RSS $(rss) MB"
# wrk cannot stop after a number of requests, so the soak runs in 5-second chunks until TURNS
# answers have been counted, and reads the host's RSS after each chunk.
done_turns=0 bad=0
while [ "$done_turns" -lt "$TURNS" ]; do
  out="$(BODIES="$EV/balance.json:$EV/prompt.json:$ROOT/events/launch.json" \
    wrk -t2 -c8 -d5s -s "$HARNESS/soak.lua" "http://127.0.0.1:$OURS_PORT/alexa")"
  done_turns=$((done_turns + $(printf '%s\n' "$out" | awk '/turns answered/ {print $3}')))
  bad=$((bad + $(printf '%s\n' "$out" | awk '/unexpected answers/ {print $3}')))
  echo "turns $done_turns  RSS $(rss) MB  ($(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}') rps)"
done
echo "end: $done_turns turns, $bad unexpected answers, RSS $(rss) MB, peak (VmHWM) $(awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$OURS_PID/status") MB"
