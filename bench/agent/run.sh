#!/usr/bin/env bash
# Agent footprint benchmark: peak RSS (VmHWM) of the agent process while it collects and uploads a synthetic
# cluster served by the fake Kubernetes API server from another process. Results: docs/benchmarks.md "Agent footprint".
#   bench/agent/run.sh [workloads=10000]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build src/KubeAdvisor.Agent -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/agent/KubeAdvisor.AgentBench -c Release -nologo -v q -clp:ErrorsOnly
dotnet bench/agent/KubeAdvisor.AgentBench/bin/Release/net10.0/KubeAdvisor.AgentBench.dll \
  src/KubeAdvisor.Agent/bin/Release/net10.0/KubeAdvisor.Agent.dll "${1:-10000}"
