using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;

namespace KubeAdvisor.Kubernetes.Tests.DemoCluster;

public sealed class DemoManifestsTests : FakeServerTestBase
{
    private async Task<KubeAdvisor.Core.Inventory.ClusterSnapshot> CollectDemoAsync()
    {
        Server.Objects.Replace(DemoManifests.LoadAll());
        using var client = Client();
        return await new ClusterCollector(TimeProvider.System).CollectAsync(client, CancellationToken.None);
    }

    [Fact]
    public async Task CollectAsync_DemoCluster_AboutTwentyWorkloadsInFourNamespaces()
    {
        var s = await CollectDemoAsync();

        Assert.Equal(["kube-system", "payments", "platform", "shop"], s.Namespaces);
        Assert.Equal(19, s.Workloads.Count);
        Assert.Single(s.PodDisruptionBudgets);
        Assert.Contains(s.Workloads, w => w is { Kind: "Rollout", Name: "checkout" });
        Assert.Contains(s.Workloads, w => w is { Kind: "Pod", Name: "debug-shell" });
    }

    [Fact]
    public async Task CollectAsync_DemoWeb_TwoDigestsInOneRevision()
    {
        var web = Assert.Single((await CollectDemoAsync()).Workloads, w => w.Name == "web");

        Assert.Single(web.Running.Select(r => r.Revision).Distinct());
        Assert.Equal([2, 3], web.Running.Select(r => r.PodCount).Order());
        Assert.All(web.Running, r => Assert.Equal("nginx:latest", r.SpecImage));
    }

    [Fact]
    public async Task CollectAsync_DemoStatefulSet_PendingPodIgnoredRevisionKept()
    {
        var db = Assert.Single((await CollectDemoAsync()).Workloads, w => w.Name == "db");

        var running = Assert.Single(db.Running);
        Assert.Equal(("db-6d4f8b7c9", 1), (running.Revision, running.PodCount));
        Assert.StartsWith("sha256:", running.Digest);
    }

    [Fact]
    public void Names_EmbeddedManifests_AllPresent()
    {
        Assert.Equal(["00-namespaces.yaml", "10-shop.yaml", "20-payments.yaml", "30-platform.yaml", "40-rbac.yaml", "50-config.yaml"], DemoManifests.Names);
    }
}
