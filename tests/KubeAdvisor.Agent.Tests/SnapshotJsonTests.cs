using System.Text;
using System.Text.Json;
using KubeAdvisor.Agent.Tests.Support;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Transport;

namespace KubeAdvisor.Agent.Tests;

/// <summary>The agent's wire format: the positional snapshot records survive System.Text.Json unchanged.</summary>
public sealed class SnapshotJsonTests
{
    [Fact]
    public async Task RoundTrip_CollectedDemoCluster_GivesTheSameSnapshot()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        var snapshot = WithInitOnlyMembers(await new ClusterCollector(TimeProvider.System).CollectAsync(fake.Connection(), CancellationToken.None));

        var json = JsonSerializer.Serialize(snapshot, SnapshotJson.Options);
        var back = await SnapshotJson.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None);

        Assert.Equal(json, JsonSerializer.Serialize(back, SnapshotJson.Options));
        Assert.Equal(snapshot.SnapshotId, back.SnapshotId);
        Assert.Equal(snapshot.Workloads.Count, back.Workloads.Count);
        Assert.Contains(back.Workloads, w => w.Running.Count > 0);
        Assert.Equal("linux", back.Workloads[0].Template.Spec.OsName);
        Assert.True(back.Workloads[0].Template.Spec.InitContainers[0].IsSidecar);
        Assert.True(back.PodDisruptionBudgets[0].SelectsNothing);
        Assert.Equal(new HorizontalPodAutoscaler("shop", "web", "Deployment", "web", 2, 6), Assert.Single(back.HorizontalPodAutoscalers));
        Assert.Equal(["Ingress", "Egress"], Assert.Single(back.NetworkPolicies).PolicyTypes);
        Assert.True(back.HasNetworkPolicyList);
        // Objects that are not workloads (decision 0033) keep their kind and scope: the demo's Ingresses and RBAC.
        Assert.Equal(snapshot.Objects.Select(o => (o.Kind, o.Namespace, o.Name, o.Uid)), back.Objects.Select(o => (o.Kind, o.Namespace, o.Name, o.Uid)));
        Assert.Contains(back.RoleBindings, b => b is { Kind: "ClusterRoleBinding", Namespace: "", Name: "ci-deployer", RoleName: "cluster-admin" });
        Assert.Contains(back.Ingresses, i => i.Name == "web" && i.Tls.Count == 1);
        Assert.Contains(back.Roles, r => r.Name == "debugger" && r.Rules.Count == 2);
        Assert.DoesNotContain("\"objects\"", json, StringComparison.Ordinal); // computed
    }

    [Fact]
    public async Task Read_OldAgentsPayload_HasNoNetworkPolicyListRatherThanAnEmptyOne()
    {
        const string old = "{\"snapshotId\":\"x\",\"collectedAt\":\"2026-11-27T10:00:00Z\",\"kubernetesVersion\":null,\"namespaces\":[],\"workloads\":[],\"podDisruptionBudgets\":[]}";
        var current = new ClusterSnapshot("c", DateTimeOffset.UnixEpoch, null, [], [], []) { NetworkPolicies = [] };

        var fromOldAgent = await SnapshotJson.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(old)), CancellationToken.None);
        var json = JsonSerializer.Serialize(current, SnapshotJson.Options);
        var back = await SnapshotJson.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None);

        Assert.False(fromOldAgent.HasNetworkPolicyList); // unknown: workload-network-policy-missing judges nothing
        Assert.Empty(fromOldAgent.HorizontalPodAutoscalers);
        Assert.Contains("\"networkPolicies\":[]", json, StringComparison.Ordinal);
        Assert.DoesNotContain("hasNetworkPolicyList", json, StringComparison.Ordinal);
        Assert.True(back.HasNetworkPolicyList); // listed, and none found
    }

    [Fact]
    public async Task Write_ComputedMembers_AreLeftOut()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        var snapshot = await new ClusterCollector(TimeProvider.System).CollectAsync(fake.Connection(), CancellationToken.None);

        var json = JsonSerializer.Serialize(snapshot, SnapshotJson.Options);

        Assert.DoesNotContain("\"allContainers\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"isWindows\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"isSidecar\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"Regular\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoundTrip_UnavailableKinds_AreKeptAndAnOldAgentsPayloadReadsAsComplete()
    {
        var partial = new ClusterSnapshot("p", DateTimeOffset.UnixEpoch, null, [], [], [])
        {
            Unavailable = [new UnavailableKind("cronjobs.batch", "CronJob", 404)],
        };
        const string old = "{\"snapshotId\":\"x\",\"collectedAt\":\"2026-11-27T10:00:00Z\",\"kubernetesVersion\":null,\"namespaces\":[],\"workloads\":[],\"podDisruptionBudgets\":[]}";

        var json = JsonSerializer.Serialize(partial, SnapshotJson.Options);
        var back = await SnapshotJson.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None);
        var fromOldAgent = await SnapshotJson.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(old)), CancellationToken.None);

        Assert.Contains("\"unavailable\":[{\"resource\":\"cronjobs.batch\",\"kind\":\"CronJob\",\"statusCode\":404}]", json, StringComparison.Ordinal);
        Assert.Equal(partial.Unavailable, back.Unavailable);
        Assert.Empty(fromOldAgent.Unavailable);
    }

    [Fact]
    public async Task Collect_PodDisruptionBudgetsForbidden_TheAgentsPayloadNamesThem()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        fake.Server.Faults.ForbiddenResource = "poddisruptionbudgets";

        var pending = await new SnapshotSource(fake.Connection(), new KubeAdvisor.Agent.Admission.AdmissionDecisionLog(TimeProvider.System), TimeProvider.System).CollectAsync(CancellationToken.None);
        await using var json = new System.IO.Compression.GZipStream(new MemoryStream(System.Buffers.BuffersExtensions.ToArray(pending.GzipJson)), System.IO.Compression.CompressionMode.Decompress);
        var snapshot = await SnapshotJson.ReadAsync(json, CancellationToken.None);

        Assert.True(pending.Workloads > 0);
        Assert.Equal([new UnavailableKind("poddisruptionbudgets.policy", "PodDisruptionBudget", 403)], snapshot.Unavailable);
    }

    [Fact]
    public async Task Read_MissingRequiredMember_ThrowsNamingIt()
    {
        var json = "{\"snapshotId\":\"x\",\"kubernetesVersion\":null,\"namespaces\":[],\"workloads\":[],\"podDisruptionBudgets\":[]}";

        var e = await Assert.ThrowsAsync<JsonException>(() => SnapshotJson.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), CancellationToken.None));

        Assert.Contains("collectedAt", e.Message, StringComparison.Ordinal);
    }

    private static ClusterSnapshot WithInitOnlyMembers(ClusterSnapshot s)
    {
        var w = s.Workloads[0];
        var sidecar = w.Template.Spec.Containers[0] with { Name = "sidecar", Type = ContainerType.Init, RestartPolicy = "Always" };
        var spec = w.Template.Spec with
        {
            OsName = "linux", RestartPolicy = "Always", Resources = new ResourceRequirements("1", "1Gi", null, null), InitContainers = [sidecar],
        };
        var first = w with { Template = w.Template with { Spec = spec } };
        var pdb = new PodDisruptionBudget("shop", "none", new LabelSelector(new Dictionary<string, string>(), [])) { SelectsNothing = true };
        var autoscaler = new HorizontalPodAutoscaler("shop", "web", "Deployment", "web", 2, 6);
        var policy = new NetworkPolicy("shop", "web", new LabelSelector(new Dictionary<string, string> { ["app"] = "web" }, []), ["Ingress", "Egress"]);
        return s with
        {
            Workloads = [first, .. s.Workloads.Skip(1)], PodDisruptionBudgets = [pdb, .. s.PodDisruptionBudgets],
            HorizontalPodAutoscalers = [autoscaler], NetworkPolicies = [policy],
        };
    }
}
