using k8s;
using k8s.Models;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;

namespace KubeAdvisor.Kubernetes.Tests.Collection.Streaming;

/// <summary>
/// The collector (list JSON straight into the inventory) must produce exactly what the V1 mapping does: the same
/// objects served by the fake API, compared by the snapshot's wire JSON against InventoryBuilder + the test oracle
/// (<see cref="Oracle.KubeObjectMapper"/>) over the very V1 objects.
/// </summary>
public sealed class StreamingCollectorEquivalenceTests : FakeServerTestBase
{
    public static TheoryData<string, int> Clusters => new()
    {
        { "synthetic-2000", 500 },
        { "synthetic-2000", 333 },
        { "demo", 500 },
        { "demo", 3 },
        { "edge", 500 },
        { "edge", 1 },
    };

    [Theory]
    [MemberData(nameof(Clusters))]
    public async Task CollectAsync_Streaming_EqualsV1Mapping(string cluster, int pageSize)
    {
        var objects = Objects(cluster);
        Server.Objects.Replace(objects); // fills namespaces, uids and owner uids in place, as served
        using var client = Client();

        var streamed = await Collector(pageSize).CollectAsync(client, CancellationToken.None);

        var reference = SnapshotAssert.FromV1(objects);
        Assert.NotEmpty(reference.Workloads);
        SnapshotAssert.Equivalent(reference, streamed);
        Assert.StartsWith("v1.", streamed.KubernetesVersion);
    }

    [Fact]
    public async Task CollectAsync_EdgeCluster_ReadsEveryEdgeField()
    {
        Server.Objects.Replace(EdgeCluster.Objects());
        using var client = Client();

        var s = await Collector(500).CollectAsync(client, CancellationToken.None);

        var full = s.Workloads.Single(w => w.Name == "full");
        var spec = full.Template.Spec;
        var app = spec.Containers[0];
        Assert.Equal(("500m", "1Gi", "1", "1536Mi"), (app.Resources.CpuRequest, app.Resources.MemoryRequest, app.Resources.CpuLimit, app.Resources.MemoryLimit));
        Assert.Equal([8080, 443], app.HostPorts);
        Assert.Equal([new("LOG_LEVEL", "debug"), new("EMPTY", ""), new("DB_PASSWORD", null)], app.Env);
        Assert.Equal((true, true, "Localhost"), (app.HasLivenessProbe, app.HasReadinessProbe, app.SecurityContext!.SeccompProfileType));
        Assert.Equal(["NET_BIND_SERVICE"], app.SecurityContext.CapabilitiesAdd);
        Assert.Equal(["ALL"], app.SecurityContext.CapabilitiesDrop);
        Assert.True(spec.InitContainers[1].IsSidecar);
        Assert.Equal("/var/run/docker.sock", spec.Volumes.Single(v => v.HostPath is not null).HostPath);
        Assert.Equal(("2", "2Gi"), (spec.Resources!.CpuLimit, spec.Resources.MemoryLimit));
        Assert.Equal(("RuntimeDefault", 1000L), (spec.SecurityContext!.SeccompProfileType, spec.SecurityContext.RunAsUser));
        Assert.False(full.Annotations.ContainsKey("kubectl.kubernetes.io/last-applied-configuration")); // 200 KB, skipped unread
        Assert.Equal("image-tag-latest", full.Annotations["kubeadvisor.io/exempt"]);
        Assert.Equal(3, full.Running.Count); // migrate (init), app, worker; the pending ephemeral one is not running
        Assert.Equal("Rollout", s.Workloads.Single(w => w.Name == "canary").Kind);
        Assert.True(HasNoCpuOrMemory(spec.InitContainers[0]));
        var budgets = s.PodDisruptionBudgets.ToDictionary(p => p.Name);
        Assert.Equal((false, 0), (budgets["everything"].SelectsNothing, budgets["everything"].Selector.MatchExpressions.Count));
        Assert.True(budgets["nothing"].SelectsNothing);
        Assert.Equal(3, budgets["full"].Selector.MatchExpressions.Count);
        Assert.Equal("default", budgets["defaulted"].Namespace);
        var autoscalers = s.HorizontalPodAutoscalers.ToDictionary(a => a.Name);
        Assert.Equal(new Core.Inventory.HorizontalPodAutoscaler("edge", "full", "Deployment", "full", 3, 12), autoscalers["full"]);
        Assert.Equal(new Core.Inventory.HorizontalPodAutoscaler("default", "defaulted", "StatefulSet", "db", 1, 1), autoscalers["defaulted"]);
        var policies = s.NetworkPolicies.ToDictionary(p => p.Name);
        Assert.Equal(["Ingress"], policies["default-deny"].PolicyTypes);
        Assert.Empty(policies["default-deny"].PodSelector.MatchLabels);
        Assert.Equal(["Ingress", "Egress"], policies["full"].PolicyTypes); // unset, with egress rules
        Assert.Single(policies["full"].PodSelector.MatchExpressions);
        Assert.Equal(["Egress"], policies["egress-only"].PolicyTypes);
        Assert.False(policies["egress-only"].IsolatesIngress);
        Assert.Equal("default", policies["no-selector"].Namespace);
        Assert.True(policies["no-selector"].Selects(new Dictionary<string, string> { ["any"] = "pod" }));
    }

    // requests: {ephemeral-storage: 1Gi} is not "no resources" for the mapper, but carries no cpu/memory.
    private static bool HasNoCpuOrMemory(Core.Inventory.Container c) =>
        c.Resources is { CpuRequest: null, MemoryRequest: null, CpuLimit: null, MemoryLimit: null };

    private static ClusterCollector Collector(int pageSize) => new(TimeProvider.System, new ClusterCollectorOptions(pageSize));

    private static IReadOnlyList<IKubernetesObject> Objects(string cluster) => cluster switch
    {
        "synthetic-2000" => SyntheticCluster.Generate(2000),
        "demo" => DemoManifests.LoadAll(),
        "edge" => EdgeCluster.Objects(),
        _ => throw new ArgumentOutOfRangeException(nameof(cluster)),
    };
}
