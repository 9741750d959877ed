#!/usr/bin/env bash
# End-to-end scale benchmarks (docs/benchmarks.md): issue 4 scan scale and issue 5 dashboard data loading.
# Starts a private PostgreSQL in .bench-data on port 55440 (normal durability settings: fsync on), creates the
# bench databases and runs the verbs of bench/KubeAdvisor.ScaleBench (Release).
# Usage: bench/run-scale.sh [scan|web|seed|load|fleet|fleet-load|findings|all]   (default all, which leaves out web; "load" reuses the seeded database)
# web: the published web process (Release, fresh) scanning WORKLOADS (default 50000) through its HTTP API against the
# fake API in another process; its RSS per phase (first, update, two at once, idle after) by bench/scan-web.py (issue #15).
# WEB_PORT / WEB_DB (default 18090 / web_bench) let two runs go side by side; NO_PUBLISH=1 reuses .bench-data/app (APP=dir
# another published build, for an A/B);
# runtime settings pass through the environment (e.g. DOTNET_gcServer=1 to compare with Server GC); WEB_ENV="NAME=value …"
# sets them for the web process alone (not the fake API server), e.g. a heap limit. WARM_FAKE=1 warms the fake API first.
# fleet: the fleet view at 500 clusters (90 days of scans every 6 hours, 120 days of rollups, 7 of scan summaries, 100,000 open findings),
# then dashboard-load on it; fleet-load reuses that database (issue #15).
# findings: 2 clusters x 60,000 open findings, then the largest one's findings by offset, by cursor and as CSV (issue #15).
# scan options (environment): WORKLOADS (default 10000; issue #15 measures 50000), SCANS (full scans reported one by one,
# default 2: a first scan, then update scans), WARMUP / STEADY (steady-state update scans, default 10 / 7); on a machine with 4+ cores,
# FAKE_API_CPUS=2,3 SCANNER_CPUS=0,1 give the fake API server its own cores (taskset), as a real API server has;
# LINK_MBPS=1000 paces the fake API's responses as over a network link of that bandwidth (default: unpaced);
# REAL_WORLD=1 serves every object with real-world metadata (Helm labels, last-applied-configuration, managedFields).
# WORKLOADS_ONLY=1 (scan and web) serves only namespaces, Deployments, ReplicaSets and pods, without the ConfigMaps,
# Ingresses, RBAC, ServiceAccounts, NetworkPolicies and PriorityClasses beside them (the synthetic cluster before
# decision 0037), to measure what those kinds cost.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:-all}
port=${BENCH_PORT:-55440}   # BENCH_PORT: another port when two benches share a machine
scripts/postgres.sh .bench-data "$port" >/dev/null
base="Host=127.0.0.1;Port=$port;Username=postgres"
psql() { /usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
recreate() { psql -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"; }

dotnet build -c Release bench/KubeAdvisor.ScaleBench -v q -nologo >/dev/null
bench=bench/KubeAdvisor.ScaleBench/bin/Release/net10.0/KubeAdvisor.ScaleBench

if [ "$what" = all ] || [ "$what" = scan ]; then
  recreate scan_bench
  pin=(); [ -n "${SCANNER_CPUS:-}" ] && pin=(taskset -c "$SCANNER_CPUS")
  "${pin[@]}" "$bench" scan-scale --db "$base;Database=scan_bench" --workloads "${WORKLOADS:-10000}" --scans "${SCANS:-2}" --downloads 3 \
    --warmup "${WARMUP:-10}" --steady "${STEADY:-7}" ${FAKE_API_CPUS:+--fake-api-cpus "$FAKE_API_CPUS"} \
    ${LINK_MBPS:+--link-mbps "$LINK_MBPS"} ${REAL_WORLD:+--real-world "$REAL_WORLD"} ${EXTRA:-}
fi
if [ "$what" = web ]; then # not part of "all": it publishes the app and takes ~5 min at 50k
  web_db=${WEB_DB:-web_bench}
  recreate "$web_db"
  tmp=$(mktemp -d)
  mkfifo "$tmp/stdin"
  "$bench" fake-server --workloads "${WORKLOADS:-50000}" --link-mbps "${LINK_MBPS:-0}" --real-world "${REAL_WORLD:-0}" \
    <"$tmp/stdin" >"$tmp/fake.json" &
  fake=$!
  exec 3>"$tmp/stdin" # the fake API serves until this closes
  until [ -s "$tmp/fake.json" ]; do kill -0 "$fake"; sleep 1; done
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["Kubeconfig"])' "$tmp/fake.json" >"$tmp/kubeconfig"
  # WARM_FAKE=1: the fake API serves its largest lists once first (bench/warm-fake.py), so the first scan's time is the web process's
  # cold start alone, not the fake server's too (the download baseline is taken after a warm-up)
  [ -z "${WARM_FAKE:-}" ] || python3 bench/warm-fake.py "$tmp/kubeconfig"
  app=${APP:-.bench-data/app}
  [ -n "${NO_PUBLISH:-}" ] || dotnet publish src/KubeAdvisor.Web -c Release -o "$app" -v q -nologo >/dev/null
  token=bench-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
  web_port=${WEB_PORT:-18090}
  (cd "$app" && KUBEADVISOR_DB="$base;Database=$web_db" KUBEADVISOR_BOOTSTRAP_TOKEN=$token \
    KUBEADVISOR_DATA_PROTECTION_KEY=$(head -c 32 /dev/urandom | base64) KUBEADVISOR_SERVER_ALLOWLIST=127.0.0.0/8 \
    KUBEADVISOR_HANGFIRE_POLL_SECONDS=1 ASPNETCORE_URLS=http://127.0.0.1:$web_port \
    exec env ${WEB_ENV:-} dotnet KubeAdvisor.Web.dll >"$tmp/web.log" 2>&1) &
  web=$!
  until curl -sf "http://127.0.0.1:$web_port/readyz" >/dev/null; do kill -0 "$web"; sleep 1; done
  python3 bench/scan-web.py "http://127.0.0.1:$web_port" "$token" "$tmp/kubeconfig" "$web" "${IDLE:-60}" || status=$?
  # where each scan's time went, as the scan records it: collecting (kubeconfig checks included), then evaluate-and-store
  psql -d "$web_db" -At -F ' ' -c "SELECT 'scan of', \"Workloads\", 'workloads: collect', round(\"CollectSeconds\"::numeric, 2), 's, evaluate-and-store', round(\"StoreSeconds\"::numeric, 2), 's' FROM scans ORDER BY \"StartedAt\"" || true
  kill "$web"; wait "$web" || true
  exec 3>&-; wait "$fake" || true
  [ -z "${KEEP_LOG:-}" ] || cp "$tmp/web.log" "$KEEP_LOG"
  rm -rf "$tmp"
  [ "${status:-0}" = 0 ]
fi
if [ "$what" = all ] || [ "$what" = seed ]; then
  recreate dashboard_bench
  "$bench" dashboard-seed --db "$base;Database=dashboard_bench" --clusters 50 --days 365 --findings 100000
fi
if [ "$what" = all ] || [ "$what" = seed ] || [ "$what" = load ]; then
  "$bench" dashboard-load --db "$base;Database=dashboard_bench" --runs 30 --warmup 5
fi
if [ "$what" = all ] || [ "$what" = fleet ]; then
  recreate fleet_bench
  "$bench" dashboard-seed --db "$base;Database=fleet_bench" --clusters 500 --days 90 --scan-every-hours 6 --rollup-days 120 --summary-days 7 --findings 100000
fi
if [ "$what" = all ] || [ "$what" = fleet ] || [ "$what" = fleet-load ]; then
  "$bench" dashboard-load --db "$base;Database=fleet_bench" --runs 30 --warmup 5
fi
if [ "$what" = all ] || [ "$what" = findings ]; then
  recreate findings_bench
  "$bench" dashboard-seed --db "$base;Database=findings_bench" --clusters 2 --days 100 --findings 120000 >/dev/null
  "$bench" findings-walk --db "$base;Database=findings_bench"
fi
