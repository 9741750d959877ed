#!/usr/bin/env python3
"""Pages once through the largest lists of the fake API server a kubeconfig points at (Deployments, ReplicaSets, pods),
so that server's own first-request costs (its JIT, its caches) are paid before a measured scan: run-scale.sh web with
WARM_FAKE=1 (issue #15 item 3: the first scan after a restart then measures the web process's cold start alone).

Usage: bench/warm-fake.py KUBECONFIG_FILE
"""
import base64, http.client, json, ssl, sys, tempfile, urllib.parse

import yaml

config = yaml.safe_load(open(sys.argv[1]))
cluster = config["clusters"][0]["cluster"]
token = config["users"][0]["user"]["token"]
url = urllib.parse.urlparse(cluster["server"])
with tempfile.NamedTemporaryFile("wb", suffix=".crt") as ca:
    ca.write(base64.b64decode(cluster["certificate-authority-data"]))
    ca.flush()
    context = ssl.create_default_context(cafile=ca.name)
    connection = http.client.HTTPSConnection(url.hostname, url.port, context=context, timeout=120)
    total = 0
    for path in ("/apis/apps/v1/deployments", "/apis/apps/v1/replicasets", "/api/v1/pods"):
        token_continue = ""
        while True:
            query = urllib.parse.urlencode({"limit": 500, **({"continue": token_continue} if token_continue else {})})
            connection.request("GET", f"{path}?{query}", headers={"Authorization": f"Bearer {token}"})
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                sys.exit(f"GET {path}: HTTP {response.status} {body[:200]!r}")
            total += len(body)
            token_continue = json.loads(body).get("metadata", {}).get("continue") or ""
            if not token_continue:
                break
    print(f"fake API warmed: {total / 1048576:.1f} MiB", file=sys.stderr)
