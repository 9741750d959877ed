#!/usr/bin/env bash
# Agent footprint benchmark: peak RSS (VmHWM) of the agent process while it collects and uploads a synthetic
# cluster served by the fake Kubernetes API server from another process. Results: docs/benchmarks/history.md "Agent footprint".
#   bench/agent/run.sh [workloads=10000] [aot|jit] [minimal|real]
# aot (default) measures what ships: the agent published with NativeAOT (needs clang and zlib1g-dev; installed here
# with apt when missing and running as root). jit measures the framework-dependent build for comparison.
# real gives every object the labels, annotations and managedFields real clusters carry (SyntheticCluster.WithRealWorldMetadata).
# AGENT=<path> measures that agent binary (or .dll) instead of building one, for alternating A/B runs of two builds;
# UPLOAD_OUT=<file> keeps what the agent uploaded (gzip JSON) to compare them.
set -euo pipefail
cd "$(dirname "$0")/../.."
workloads=${1:-10000}
mode=${2:-aot}
metadata=${3:-minimal}
dotnet build bench/agent/KubeAdvisor.AgentBench -c Release -nologo -v q -clp:ErrorsOnly
if [ -n "${AGENT:-}" ]; then
  agent=$AGENT
elif [ "$mode" = aot ]; then
  if ! command -v clang >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q clang zlib1g-dev >/dev/null
    else
      echo "NativeAOT needs clang and zlib1g-dev: sudo apt-get install clang zlib1g-dev" >&2
      exit 3
    fi
  fi
  out=bench/agent/.aot
  dotnet publish src/KubeAdvisor.Agent -c Release -r linux-x64 -o "$out" -nologo -v q -clp:ErrorsOnly
  agent=$out/KubeAdvisor.Agent
else
  dotnet build src/KubeAdvisor.Agent -c Release -nologo -v q -clp:ErrorsOnly
  agent=src/KubeAdvisor.Agent/bin/Release/net10.0/KubeAdvisor.Agent.dll
fi
ls -l "$agent" | awk '{printf "agent binary: %s (%.1f MB)\n", $NF, $5/1048576}'
dotnet bench/agent/KubeAdvisor.AgentBench/bin/Release/net10.0/KubeAdvisor.AgentBench.dll "$agent" "$workloads" "$metadata"
