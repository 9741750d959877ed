using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;

namespace KubeAdvisor.E2E.Tests.Support;

/// <summary>A fake Kubernetes API (HTTPS, token) serving a small shop: untagged, :latest and pinned images.</summary>
public static class FakeClusters
{
    public static async Task<FakeKubernetesServer> StartShopAsync()
    {
        var fake = await FakeKubernetesServer.StartAsync();
        fake.Objects.ReplaceFromYaml(FakeClusterManifests.Join(
            FakeClusterManifests.Namespace("shop"),
            FakeClusterManifests.Namespace("payments"),
            FakeClusterManifests.Deployment("shop", "web", "nginx"),
            FakeClusterManifests.Deployment("shop", "api", "registry.example.com/shop/api:latest"),
            FakeClusterManifests.Deployment("payments", "ledger", "registry.example.com/payments/ledger:2.4.1")));
        return fake;
    }
}
