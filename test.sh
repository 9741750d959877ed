#!/usr/bin/env bash
# Runs every test of KubeAdvisor against a throw-away PostgreSQL and prints "N passed, N failed" last.
#   ./test.sh                                   all test projects
#   ./test.sh tests/KubeAdvisor.Core.Tests      one project (any dotnet test arguments work)
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD

# Chromium, PostgreSQL, clang and zlib headers: installed when missing (or the command to install them is printed).
if ! scripts/prerequisites.sh; then
  echo "0 passed, 1 failed"
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Each run gets its own PostgreSQL (folder and port), so two runs at once do not stop each other's.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${KUBEADVISOR_TEST_PG_PORT:-55433}
while ! port_free "$port"; do port=$((port + 1)); done
data=$root/.test-data/run-$$
stop_pg() {
  local pgctl; pgctl=$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | tail -1); pgctl=${pgctl:-pg_ctl}
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pgctl" -D "$data/pg" -m fast stop >/dev/null 2>&1
  else "$pgctl" -D "$data/pg" -m fast stop >/dev/null 2>&1; fi
  rm -rf "$data"
}
# Another run may take the free port between the check and the start: then try the next ones.
started=0
for _ in 1 2 3 4 5; do
  rm -rf "$data"
  if scripts/postgres.sh "$data" "$port" test >/dev/null; then started=1; break; fi
  port=$((port + 1)); while ! port_free "$port"; do port=$((port + 1)); done
done
if [ "$started" != 1 ]; then
  echo "Could not start the test PostgreSQL (see $data/server.log)." >&2
  echo "0 passed, 1 failed"
  exit 1
fi
trap stop_pg EXIT
export KUBEADVISOR_TEST_DB="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
export KUBEADVISOR_TEST_RESULTS=$root/test-results
mkdir -p "$KUBEADVISOR_TEST_RESULTS"

target=("$@")
[ ${#target[@]} -eq 0 ] && target=(KubeAdvisor.sln)

if ! dotnet build "${target[0]}" -nologo -v q -clp:ErrorsOnly; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

log=$KUBEADVISOR_TEST_RESULTS/dotnet-test.log
dotnet test "${target[@]}" --no-build -nologo 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

passed=0; failed=0; skipped=0
while read -r f p s; do
  failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s))
done < <(grep -E '(Passed|Failed)! +- +Failed: ' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/')

if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $rc although no test reported a failure (a test host crashed or a project did not run)."
fi
echo "Screenshots and logs: $KUBEADVISOR_TEST_RESULTS"
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$rc"
