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
}
