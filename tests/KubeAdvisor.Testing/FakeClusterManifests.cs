namespace KubeAdvisor.Testing;

/// <summary>Small manifests for scan tests: three Deployments with an untagged, a latest and a pinned image.</summary>
public static class FakeClusterManifests
{
    public static string Deployment(string ns, string name, string image, int replicas = 1) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
          namespace: {{ns}}
          uid: uid-{{ns}}-{{name}}
        spec:
          replicas: {{replicas}}
          selector:
            matchLabels: { app: {{name}} }
          template:
            metadata:
              labels: { app: {{name}} }
            spec:
              containers:
              - name: {{name}}
                image: "{{image}}"
        """;

    public static string Namespace(string name) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {name}
        """;

    public static string Join(params string[] docs) => string.Join("\n---\n", docs);

    /// <summary>shop/web untagged, shop/api :latest, payments/ledger pinned — two findings by default policies.</summary>
    public static string Basic() => Join(
        Namespace("shop"), Namespace("payments"),
        Deployment("shop", "web", "nginx"),
        Deployment("shop", "api", "registry.example.com/shop/api:latest"),
        Deployment("payments", "ledger", "registry.example.com/payments/ledger:2.4.1"));

    /// <summary>A Deployment, its ReplicaSet (pod-template-hash <paramref name="hash"/>) and one running pod per digest.</summary>
    public static string DeploymentWithPods(string ns, string name, string image, string hash, params string[] digests)
    {
        var docs = new List<string>
        {
            Deployment(ns, name, image, digests.Length),
            $$"""
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: {{name}}-{{hash}}
              namespace: {{ns}}
              uid: uid-rs-{{ns}}-{{name}}-{{hash}}
              labels: { app: {{name}}, pod-template-hash: "{{hash}}" }
              ownerReferences: [ { apiVersion: apps/v1, kind: Deployment, name: {{name}}, uid: uid-{{ns}}-{{name}}, controller: true } ]
            spec:
              replicas: {{digests.Length}}
              selector: { matchLabels: { app: {{name}}, pod-template-hash: "{{hash}}" } }
              template:
                metadata: { labels: { app: {{name}}, pod-template-hash: "{{hash}}" } }
                spec:
                  containers: [ { name: {{name}}, image: "{{image}}" } ]
            """,
        };
        for (var i = 0; i < digests.Length; i++)
        {
            docs.Add($$"""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: {{name}}-{{hash}}-{{i}}
                  namespace: {{ns}}
                  uid: uid-pod-{{ns}}-{{name}}-{{hash}}-{{i}}
                  labels: { app: {{name}}, pod-template-hash: "{{hash}}" }
                  ownerReferences: [ { apiVersion: apps/v1, kind: ReplicaSet, name: {{name}}-{{hash}}, uid: uid-rs-{{ns}}-{{name}}-{{hash}}, controller: true } ]
                spec:
                  containers: [ { name: {{name}}, image: "{{image}}" } ]
                status:
                  containerStatuses: [ { name: {{name}}, image: "{{image}}", imageID: "{{digests[i]}}" } ]
                """);
        }

        return Join([.. docs]);
    }
}
