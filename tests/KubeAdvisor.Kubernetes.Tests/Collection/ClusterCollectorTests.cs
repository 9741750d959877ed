using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;

namespace KubeAdvisor.Kubernetes.Tests.Collection;

public sealed class ClusterCollectorTests : FakeServerTestBase
{
    private static ClusterCollector Collector(int pageSize = 500, TimeSpan? timeout = null) =>
        new(TimeProvider.System, new ClusterCollectorOptions(pageSize, RequestTimeout: timeout));

    [Fact]
    public async Task CollectAsync_ManyPages_EveryWorkloadOnceWithItsPods()
    {
        Server.Objects.Replace(SyntheticCluster.Generate(workloads: 120, podsPerWorkload: 3, namespaces: 4));
        using var client = Client();

        var s = await Collector(pageSize: 25).CollectAsync(client, CancellationToken.None);

        Assert.Equal(120, s.Workloads.Count);
        Assert.All(s.Workloads, w => Assert.Equal(("Deployment", 3), (w.Kind, w.Running.Sum(r => r.PodCount))));
        Assert.Equal(4, s.Namespaces.Count);
        Assert.Equal("v1.31.2-fake", s.KubernetesVersion);
        Assert.Equal(360 / 25 + 1, Server.RequestCount("pods"));
    }

    [Fact]
    public async Task CollectAsync_ContinueTokenGone_RestartsListAndCountsPodsOnce()
    {
        Server.Objects.Replace(SyntheticCluster.Generate(workloads: 20, podsPerWorkload: 3, namespaces: 2));
        Server.Faults.GoneOnNextContinue();
        using var client = Client();

        var s = await Collector(pageSize: 7).CollectAsync(client, CancellationToken.None);

        Assert.Equal(1, Server.Faults.GoneCount);
        Assert.Equal(60, s.Workloads.Sum(w => w.Running.Sum(r => r.PodCount)));
        Assert.Equal(20, s.Workloads.Count);
    }

    [Fact]
    public async Task CollectAsync_Unauthorized_PermanentTokenRejected()
    {
        Server.Faults.Unauthorized = true;
        using var client = Client();

        var e = await Assert.ThrowsAsync<ClusterScanException>(() => Collector().CollectAsync(client, CancellationToken.None));

        Assert.Equal(("401 Unauthorized: the token was rejected", false), (e.Message, e.IsTransient));
    }

    [Fact]
    public async Task CollectAsync_StatefulSetsForbidden_PartialNamesTheKind()
    {
        Server.Objects.Replace(SyntheticCluster.Generate(workloads: 2));
        Server.Faults.ForbiddenResource = "statefulsets";
        using var client = Client();

        var s = await Collector().CollectAsync(client, CancellationToken.None);

        Assert.Equal([new Core.Inventory.UnavailableKind("statefulsets.apps", "StatefulSet", 403)], s.Unavailable);
        Assert.Equal(2, s.Workloads.Count);
    }

    [Fact]
    public async Task CollectAsync_ServerErrorThenSuccess_TransientThenCollects()
    {
        Server.Objects.Replace(SyntheticCluster.Generate(workloads: 2));
        Server.Faults.ServerErrors(1);
        using var client = Client();

        var e = await Assert.ThrowsAsync<ClusterScanException>(() => Collector().CollectAsync(client, CancellationToken.None));
        var s = await Collector().CollectAsync(client, CancellationToken.None);

        Assert.True(e.IsTransient);
        Assert.StartsWith("500", e.Message);
        Assert.Equal(2, s.Workloads.Count);
    }

    [Fact]
    public async Task CollectAsync_SlowerThanTimeout_TransientTimedOut()
    {
        Server.Faults.Delay = TimeSpan.FromSeconds(30);
        var timeout = TimeSpan.FromMilliseconds(300);
        using var client = Client(timeout);

        var e = await Assert.ThrowsAsync<ClusterScanException>(() => Collector(timeout: timeout).CollectAsync(client, CancellationToken.None));

        Assert.Equal(("timed out after 0.3 s", true), (e.Message, e.IsTransient));
    }

    [Fact]
    public async Task CollectAsync_MalformedJson_TransientMalformedResponse()
    {
        Server.Faults.MalformedJsonResource = "deployments";
        using var client = Client();

        var e = await Assert.ThrowsAsync<ClusterScanException>(() => Collector().CollectAsync(client, CancellationToken.None));

        Assert.StartsWith("malformed response from the API server", e.Message);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task CollectAsync_ConnectionDroppedMidPage_Transient()
    {
        Server.Objects.Replace(SyntheticCluster.Generate(workloads: 30));
        Server.Faults.DropConnectionResource = "pods";
        using var client = Client();

        var e = await Assert.ThrowsAsync<ClusterScanException>(() => Collector().CollectAsync(client, CancellationToken.None));

        Assert.True(e.IsTransient, e.Message);
        Assert.Contains("pods", e.Message);
    }

    [Fact]
    public async Task CollectAsync_ObjectsReplacedBetweenScans_SecondScanSeesNewSet()
    {
        Server.Objects.Replace(SyntheticCluster.Generate(workloads: 3));
        using var client = Client();
        var first = await Collector().CollectAsync(client, CancellationToken.None);

        Server.Objects.Replace(SyntheticCluster.Generate(workloads: 5));
        var second = await Collector().CollectAsync(client, CancellationToken.None);

        Assert.Equal((3, 5), (first.Workloads.Count, second.Workloads.Count));
        Assert.NotEqual(first.SnapshotId, second.SnapshotId);
    }
}
