#!/usr/bin/env bash
# Admission webhook latency: the agent published with NativeAOT (as it ships), its webhook on HTTPS with an openssl
# certificate, its admission settings (deny at high) served by a static file server, driven at a steady rate by
# KubeAdvisor.AdmissionBench with real HTTPS requests. The agent runs on one core (taskset -c 0), the driver on the
# other. Results: docs/benchmarks.md "admission webhook".
#   bench/admission/run.sh [rate=200] [seconds=30]
#   AGENT=path/to/KubeAdvisor.Agent bench/admission/run.sh   # an already published agent (A/B runs of two builds)
#   PERF_OUT=agent.perf bench/admission/run.sh                # also samples the agent with perf record -g during the run
#   AGENT_ENV="DOTNET_GCgen0size=0x4000000" bench/admission/run.sh   # runtime settings for the agent only (A/B of GC knobs)
#   RT=1 bench/admission/run.sh                                # the agent as a real-time task (a core of its own)
#   WIRE=1 bench/admission/run.sh                              # also the agent's time at the wire (tcpdump of the port)
# Besides the latency percentiles it prints the agent's CPU time per review over the run and its garbage collections,
# which depend far less on what else runs on the machine. `dotnet …AdmissionBench.dll handler` measures the handler's
# bytes allocated and CPU per review in process.
set -euo pipefail
cd "$(dirname "$0")/../.."
rate=${1:-200}
seconds=${2:-30}
work=$(mktemp -d)
cleanup() { kill "${agent_pid:-}" "${files_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
dotnet build bench/admission/KubeAdvisor.AdmissionBench -c Release -nologo -v q -clp:ErrorsOnly
agent=${AGENT:-}
if [ -z "$agent" ]; then
  dotnet publish src/KubeAdvisor.Agent -c Release -r linux-x64 -o bench/admission/.aot -nologo -v q -clp:ErrorsOnly
  agent=bench/admission/.aot/KubeAdvisor.Agent
fi

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj "/CN=kubeadvisor-agent-admission" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
mkdir -p "$work/sa" "$work/www/api/v1/agent"
cp "$work/tls.crt" "$work/sa/ca.crt"; echo unused > "$work/sa/token"
echo '{"mode":"deny","minSeverity":"high","settings":{},"exceptions":[]}' > "$work/www/api/v1/agent/admission"
# RT=1: the agent runs as a real-time (SCHED_FIFO) task, so the other processes on its core wait for it: what the webhook
# does with a core of its own, apart from what a shared machine adds. Not the headline figure. (The driver stays an
# ordinary task: as a FIFO task its sending thread held its core from the threads reading the answers.)
rt=${RT:+chrt -f 10}
files_port=$((20000 + RANDOM % 10000)); health_port=$((files_port + 1)); webhook_port=$((files_port + 2))
python3 -m http.server "$files_port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
files_pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$files_port/api/v1/agent/admission" >/dev/null && break; sleep 0.1; done

KUBEADVISOR_AGENT_SERVER_URL="http://127.0.0.1:$files_port" KUBEADVISOR_AGENT_TOKEN=bench \
KUBEADVISOR_AGENT_KUBERNETES_URL=https://127.0.0.1:1 KUBEADVISOR_AGENT_SERVICE_ACCOUNT_DIR="$work/sa" \
KUBEADVISOR_AGENT_INTERVAL_MINUTES=1440 KUBEADVISOR_AGENT_HEALTH_PORT=$health_port \
KUBEADVISOR_AGENT_ADMISSION=true KUBEADVISOR_AGENT_ADMISSION_PORT=$webhook_port \
KUBEADVISOR_AGENT_ADMISSION_TLS_CERT_FILE="$work/tls.crt" KUBEADVISOR_AGENT_ADMISSION_TLS_KEY_FILE="$work/tls.key" \
  env ${AGENT_ENV:-} ${rt:-} taskset -c 0 "$agent" > "$work/agent.log" 2>&1 &
agent_pid=$!
for _ in $(seq 1 100); do
  curl -s "http://127.0.0.1:$health_port/readyz" | grep -q '"settingsLoaded":true' && break
  sleep 0.2
done
curl -s "http://127.0.0.1:$health_port/readyz" | grep -q '"settingsLoaded":true' || { echo "the agent did not load its settings:"; cat "$work/agent.log"; exit 1; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${PERF_OUT:-}" ]; then
  perf record -F 999 -g -p "$agent_pid" -o "$PERF_OUT" >/dev/null 2>&1 &
  perf_pid=$!
fi
if [ -n "${WIRE:-}" ]; then # WIRE=1: also the server time at the wire, from a loopback capture (needs tcpdump)
  taskset -c 1 tcpdump -i lo -n -s 128 -B 16384 -w "$work/wire.pcap" "tcp port $webhook_port" >/dev/null 2>&1 &
  tcpdump_pid=$!
  sleep 1
fi
AGENT_PID=$agent_pid taskset -c 1 dotnet bench/admission/KubeAdvisor.AdmissionBench/bin/Release/net10.0/KubeAdvisor.AdmissionBench.dll \
  "https://127.0.0.1:$webhook_port" "$work/tls.crt" "$rate" "$seconds"
if [ -n "${perf_pid:-}" ]; then kill -INT "$perf_pid"; wait "$perf_pid" || true; fi
if [ -n "${tcpdump_pid:-}" ]; then
  sleep 0.5; kill -INT "$tcpdump_pid"; wait "$tcpdump_pid" || true
  tcpdump -tt -n -r "$work/wire.pcap" 2>/dev/null | python3 bench/admission/wire.py "$webhook_port" "$((rate * seconds))"
fi
echo "agent peak RSS: $(grep VmHWM /proc/$agent_pid/status | awk '{print $2, $3}'), CPU time: $(ps -o times= -p $agent_pid) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# A graceful stop makes the agent log its garbage collections (counts, total pause, bytes allocated since it started).
kill -TERM "$agent_pid"; wait "$agent_pid" || true
grep -o 'Agent stopping: .*' "$work/agent.log" || true
