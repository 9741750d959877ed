#!/usr/bin/env python3
"""Scans a cluster through the HTTP API of a running KubeAdvisor web process, as a user would, and records that
process's memory and CPU (issue #15): its resident set sampled every 50 ms from /proc/PID/status (and VmHWM, reset before
each phase where the kernel allows) and the scan's duration as the scan record reports it (start → stored).

Phases: the first scan of cluster A, an update scan of A, the first scan of B, then update scans of A and B at once
(two Hangfire workers), then the process idle for IDLE seconds.
Run by bench/run-scale.sh web (which starts the fake API, the database and the published web process).

Usage: bench/scan-web.py BASE_URL TOKEN KUBECONFIG_FILE WEB_PID [IDLE_SECONDS]
"""
import http.client, json, os, sys, threading, time, urllib.parse

base, token, kubeconfig_file, pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
idle = int(sys.argv[5]) if len(sys.argv) > 5 else 60
url = urllib.parse.urlparse(base)
headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


def call(method, path, body=None):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    conn.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = conn.getresponse()
    data = response.read()
    if response.status >= 300:
        sys.exit(f"{method} {path}: HTTP {response.status} {data[:300]!r}")
    return json.loads(data) if data else None


def status(key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak():
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def cpu_seconds():
    """The web process's CPU time so far (user + system), from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds():
    """CPU time all processes of the machine spent busy so far (everything but idle and iowait), from /proc/stat."""
    with open("/proc/stat") as f:
        ticks = [int(x) for x in f.readline().split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


class Sampler:
    """Largest VmRSS seen every 50 ms while the phase runs (VmHWM as well, which misses nothing in between)."""

    def __init__(self):
        self.peak, self.peak_at, self.stop = 0.0, 0.0, threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set():
            rss = status("VmRSS:")
            if rss > self.peak:
                self.peak, self.peak_at = rss, time.perf_counter() - self.started
            time.sleep(0.05)

    def __enter__(self):
        self.reset = reset_peak()
        self.before = status("VmRSS:")
        self.started = time.perf_counter()
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join()
        self.hwm = status("VmHWM:")


def add_cluster(name):
    kubeconfig = open(kubeconfig_file).read()
    return call("POST", "/api/v1/clusters", {"name": name, "kubeconfig": kubeconfig, "intervalMinutes": 1440})["id"]


def request_scan(cluster):
    return call("POST", f"/api/v1/clusters/{cluster}/scans")["scanId"]


def wait(scan):
    while True:
        s = call("GET", f"/api/v1/scans/{scan}")
        if s["status"] in ("Succeeded", "Failed"):
            if s["status"] != "Succeeded":
                sys.exit(f"scan {scan} failed: {s['error']}")
            return s
        time.sleep(0.2)


def phase(label, clusters):
    load_before, cpu_before, busy_before = load(), cpu_seconds(), machine_busy_seconds()
    with Sampler() as m:
        started = time.perf_counter()
        scans = [request_scan(c) for c in clusters]
        results = [wait(s) for s in scans]
        wall = time.perf_counter() - started
    cpu, busy = cpu_seconds() - cpu_before, machine_busy_seconds() - busy_before
    durations = ", ".join(f"{r['durationSeconds']:.2f} s ({r['workloads']} workloads, {r['failed']} failed checks, "
                          f"+{r['introduced']}/-{r['fixed']})" for r in results)
    hwm = f"VmHWM {m.hwm:.0f} MiB" if m.reset else "VmHWM not resettable"
    print(f"{label}: scan {durations}; request→done {wall:.2f} s; peak RSS {m.peak:.0f} MiB sampled ({m.peak_at:.1f} s after the request), {hwm}; "
          f"RSS before {m.before:.0f} MiB, after {status('VmRSS:'):.0f} MiB; web process CPU {cpu:.2f} s, whole machine busy "
          f"{busy:.2f} s of {wall * os.cpu_count():.2f} s; load average {load_before} → {load()}", flush=True)


print(f"web process {pid}: RSS {status('VmRSS:'):.0f} MiB at the start; load average {load()}", flush=True)
a = add_cluster(f"bench-a-{int(time.time())}")
phase("first scan (A)", [a])
phase("update scan (A)", [a])
b = add_cluster(f"bench-b-{int(time.time())}")
phase("first scan (B)", [b])
phase("two update scans at once (A, B)", [a, b])
rss = []
for i in range(idle):
    time.sleep(1)
    rss.append(status("VmRSS:"))
print(f"idle after: RSS {rss[min(9, len(rss) - 1)]:.0f} MiB after 10 s, {rss[-1]:.0f} MiB after {idle} s (lowest {min(rss):.0f} MiB); "
      f"load average {load()}", flush=True)
