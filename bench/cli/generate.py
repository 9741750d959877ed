#!/usr/bin/env python3
"""Writes a manifest repository for bench/cli/run.sh: FILES files of OBJECTS objects each (Deployments, StatefulSets,
CronJobs and Services in turn, Helm-style labels, two containers, probes and resources), some with findings."""
import os, sys

out, files, per_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def workload(i):
    kind = ("Deployment", "StatefulSet", "CronJob", "Service")[i % 4]
    ns = f"team-{i % 17}"
    name = f"app-{i}"
    tag = "latest" if i % 10 == 0 else f"1.{i % 7}.{i % 5}"
    if kind == "Service":
        return f"""apiVersion: v1
kind: Service
metadata:
  name: {name}
  namespace: {ns}
  labels: {{app.kubernetes.io/name: {name}, app.kubernetes.io/instance: release-{i}}}
spec:
  selector: {{app: {name}}}
  ports:
    - port: 80
      targetPort: 8080
"""
    pod = f"""      metadata:
        labels:
          app: {name}
          app.kubernetes.io/name: {name}
          app.kubernetes.io/instance: release-{i}
          helm.sh/chart: chart-1.2.3
      spec:
        serviceAccountName: {name}
        securityContext: {{runAsNonRoot: true, runAsUser: 10001}}
        containers:
          - name: app
            image: registry.example.com/{ns}/{name}:{tag}
            imagePullPolicy: IfNotPresent
            ports: [{{containerPort: 8080, name: http}}]
            env:
              - {{name: LOG_LEVEL, value: info}}
              - {{name: PORT, value: "8080"}}
            resources:
              requests: {{cpu: 100m, memory: 128Mi}}
              limits: {{cpu: "1", memory: 256Mi}}
            readinessProbe: {{httpGet: {{path: /ready, port: http}}, periodSeconds: 10}}
            livenessProbe: {{httpGet: {{path: /live, port: http}}, periodSeconds: 20}}
            securityContext: {{allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {{drop: [ALL]}}}}
          - name: sidecar
            image: docker.io/envoyproxy/envoy:v1.30.{i % 4}
            resources: {{requests: {{cpu: 50m, memory: 64Mi}}}}
"""
    head = f"""apiVersion: {"batch/v1" if kind == "CronJob" else "apps/v1"}
kind: {kind}
metadata:
  name: {name}
  namespace: {ns}
  labels: {{app: {name}, app.kubernetes.io/managed-by: Helm}}
  annotations: {{meta.helm.sh/release-name: release-{i}}}
spec:
"""
    if kind == "CronJob":
        indented = "\n".join(("      " + l) if l else l for l in pod.splitlines())
        return head + f"""  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
{indented.replace("            restartPolicy", "")}
              restartPolicy: OnFailure
"""
    return head + f"""  replicas: {1 + i % 3}
  selector: {{matchLabels: {{app: {name}}}}}
  template:
{pod}"""

os.makedirs(out, exist_ok=True)
n = 0
for f in range(files):
    folder = os.path.join(out, f"svc-{f % 20}")
    os.makedirs(folder, exist_ok=True)
    docs = []
    for _ in range(per_file):
        docs.append(workload(n))
        n += 1
    with open(os.path.join(folder, f"manifests-{f}.yaml"), "w") as fh:
        fh.write("---\n".join(docs))
print(n)
