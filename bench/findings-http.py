#!/usr/bin/env python3
"""Walks all open findings of one cluster through the HTTP API, as a script would (one keep-alive connection,
JSON parsed), by cursor or by page number; then fetches the CSV of the same findings in one request.

Usage: bench/findings-http.py BASE_URL TOKEN CLUSTER_ID [PAGE_SIZE ...]
Example (after bench/run-scale.sh findings, with the published app on the findings_bench database; docs/benchmarks.md):
  bench/findings-http.py http://127.0.0.1:18081 "$KUBEADVISOR_BOOTSTRAP_TOKEN" 00000001-0000-0000-0000-000000000000 1000 500
"""
import http.client, json, sys, time, urllib.parse

base, token, cluster = sys.argv[1], sys.argv[2], sys.argv[3]
sizes = [int(s) for s in sys.argv[4:]] or [1000, 500]
url = urllib.parse.urlparse(base)
path = f"/api/v1/clusters/{cluster}/findings"
headers = {"Authorization": f"Bearer {token}"}


def walk(mode, size):
    conn = http.client.HTTPConnection(url.hostname, url.port)
    rows = requests = 0
    cursor, page = None, 1
    start = time.perf_counter()
    while True:
        query = f"{path}?pageSize={size}" + (f"&cursor={cursor}" if cursor else "") + (f"&page={page}" if mode == "page" else "")
        conn.request("GET", query, headers=headers)
        response = conn.getresponse()
        if response.status != 200:
            sys.exit(f"{query}: HTTP {response.status} {response.read()[:200]!r}")
        body = json.loads(response.read())
        rows += len(body["items"])
        requests += 1
        if mode == "cursor":
            cursor = body.get("nextCursor")
            if not cursor:
                break
        elif len(body["items"]) < size:
            break
        else:
            page += 1
    print(f"by {mode}, pages of {size}: {rows:,} findings in {requests} requests, {time.perf_counter() - start:.2f} s")


for size in sizes:
    walk("cursor", size)
    walk("page", size)

conn = http.client.HTTPConnection(url.hostname, url.port)
start = time.perf_counter()
conn.request("GET", f"{path}?format=csv", headers=headers)
csv = conn.getresponse().read()
lines = csv.count(b"\n") - 1  # without the header
print(f"CSV in one request: {lines:,} findings, {len(csv) / 1048576:.1f} MiB, {time.perf_counter() - start:.2f} s")
