#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need, publishes the Native AOT
# Lambda bootstrap and HTTPS host (tests run them: the bootstrap against the Runtime API
# emulator, the host through a whole payment), runs all test
# projects and the benchmark's smoke run (bench/run.sh, counted as one test), and ends with one line of
# totals: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# Native AOT links with clang. Install it where we can (CI and fresh machines run as root).
if ! command -v clang >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing clang and zlib1g-dev for Native AOT..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev) >/dev/null
  else
    echo "clang is missing and cannot be installed here: the AOT bootstrap test will be skipped." >&2
  fi
fi

# The web simulator's browser test drives Debian's Chromium through Playwright (no browser download).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium for the web simulator's browser test..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  else
    echo "chromium is missing and cannot be installed here: the browser test will be skipped (it fails under CI=true)." >&2
  fi
fi

# The DynamoDB contract tests start dynalite; their fixture runs 'npm ci' itself when needed,
# but doing it here once keeps the test run's own output clean.
if [ ! -d test/dynalite/node_modules ] && command -v npm >/dev/null 2>&1; then
  (cd test/dynalite && npm ci --no-audit --no-fund --loglevel=error)
fi

if command -v clang >/dev/null 2>&1; then
  # Warnings are errors: a trim or AOT warning fails the run.
  echo "Publishing the Native AOT Lambda bootstrap and HTTPS host..."
  dotnet publish src/VoicePay.Function -c Release -r linux-x64 -o artifacts/aot-bootstrap -p:TreatWarningsAsErrors=true --nologo -v quiet
  # The same bootstrap for local runs (voicepay invoke --runtime-api), with the SQLite store the host and CLI share.
  dotnet publish src/VoicePay.Function -c Release -r linux-x64 -o artifacts/aot-bootstrap-local -p:VoicePaySqlite=true -p:TreatWarningsAsErrors=true --nologo -v quiet
  dotnet publish src/VoicePay.Host -c Release -r linux-x64 -o artifacts/aot-host -p:TreatWarningsAsErrors=true --nologo -v quiet
  # The production host: sandbox, demo enrolment, development endpoints and simulator compiled out.
  dotnet publish src/VoicePay.Host -c Release -r linux-x64 -o artifacts/aot-host-production -p:VoicePayLocalRuns=false -p:TreatWarningsAsErrors=true --nologo -v quiet
  export VOICEPAY_BOOTSTRAP="$root/artifacts/aot-bootstrap/bootstrap"
  export VOICEPAY_BOOTSTRAP_LOCAL="$root/artifacts/aot-bootstrap-local/bootstrap"
  export VOICEPAY_AOT_HOST="$root/artifacts/aot-host/VoicePay.Host"
  export VOICEPAY_AOT_HOST_PRODUCTION="$root/artifacts/aot-host-production/VoicePay.Host"
fi

log="$results/dotnet-test.log"
set +e
dotnet test VoicePay.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The benchmark's smoke run (bench/README.md): one short round of every row of bench/run.sh on the binaries published
# above, so a broken or misconfigured benchmark fails the build; its figures are not judged. It counts as one test
# in the totals below ("Passed!"/"Failed!" line in the log), and is skipped, saying why, where it cannot run.
bench_log="$results/bench-smoke.log"
if [ -n "${VOICEPAY_AOT_HOST:-}" ] && command -v node >/dev/null 2>&1 && { command -v wrk >/dev/null 2>&1 || [ "$(id -u)" = "0" ]; }; then
  echo "Benchmark smoke run (bench/run.sh, SMOKE=1)..."
  if SMOKE=1 WORK="$root/artifacts/bench-smoke" HOST_DIR="$(dirname "$VOICEPAY_AOT_HOST")" FUNCTION_DIR="$(dirname "$VOICEPAY_BOOTSTRAP")" \
      bench/run.sh > "$bench_log" 2>&1; then
    echo "Passed!  - Failed:     0, Passed:     1, Skipped:     0, Total:     1 - bench/run.sh smoke" | tee -a "$log"
  else
    tail -n 40 "$bench_log"
    echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - bench/run.sh smoke (log: $bench_log)" | tee -a "$log"
    status=1
  fi
else
  echo "Benchmark smoke skipped: it needs the published AOT binaries (clang), Node.js, and wrk (or root to install it)."
  echo "Passed!  - Failed:     0, Passed:     0, Skipped:     1, Total:     1 - bench/run.sh smoke" >> "$log"
fi

# One line for every test project together, from each project's summary line.
grep -aE "^(Passed|Failed)!" "$log" | awk -F'[:,]' '
  { failed += $2; passed += $4; skipped += $6 }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }'
exit $status
