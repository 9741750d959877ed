#!/usr/bin/env bash
# End-to-end scale benchmarks (docs/benchmarks.md): issue 4 scan scale and issue 5 dashboard data loading.
# Starts a private PostgreSQL in .bench-data on port 55440 (normal durability settings: fsync on), creates the
# bench databases and runs the verbs of bench/KubeAdvisor.ScaleBench (Release).
# Usage: bench/run-scale.sh [scan|seed|load|fleet|fleet-load|findings|all]   (default all; "load" reuses the seeded database)
# fleet: the fleet view at 500 clusters (90 days of scans every 6 hours, 120 days of rollups, 7 of scan summaries, 100,000 open findings),
# then dashboard-load on it; fleet-load reuses that database (issue #15).
# findings: 2 clusters x 60,000 open findings, then the largest one's findings by offset, by cursor and as CSV (issue #15).
# scan options (environment): WARMUP / STEADY (steady-state update scans, default 10 / 7); on a machine with 4+ cores,
# FAKE_API_CPUS=2,3 SCANNER_CPUS=0,1 give the fake API server its own cores (taskset), as a real API server has;
# LINK_MBPS=1000 paces the fake API's responses as over a network link of that bandwidth (default: unpaced);
# REAL_WORLD=1 serves every object with real-world metadata (Helm labels, last-applied-configuration, managedFields).
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
  "${pin[@]}" "$bench" scan-scale --db "$base;Database=scan_bench" --workloads 10000 --scans 2 --downloads 3 \
    --warmup "${WARMUP:-10}" --steady "${STEADY:-7}" ${FAKE_API_CPUS:+--fake-api-cpus "$FAKE_API_CPUS"} \
    ${LINK_MBPS:+--link-mbps "$LINK_MBPS"} ${REAL_WORLD:+--real-world "$REAL_WORLD"} ${EXTRA:-}
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
