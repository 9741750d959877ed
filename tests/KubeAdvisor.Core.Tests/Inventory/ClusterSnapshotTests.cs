using KubeAdvisor.Core.Inventory;
using static KubeAdvisor.Core.Tests.Policies.TestSnapshots;

namespace KubeAdvisor.Core.Tests.Inventory;

/// <summary>The kinds that are not workloads: how a partial scan treats them (decision 0018), and NetworkPolicy defaulting.</summary>
public sealed class ClusterSnapshotTests
{
    [Fact]
    public void WithUnavailable_NetworkPoliciesOnly_EmptiesThatListAndKeepsAnAbsentOneAbsent()
    {
        var policy = new NetworkPolicy("apps", "deny", new LabelSelector(new Dictionary<string, string>(), []), ["Ingress"]);
        var listed = Snapshot(Workload("web", "web:1.0")) with { NetworkPolicies = [policy] };
        var forbidden = new UnavailableKind("networkpolicies.networking.k8s.io", "NetworkPolicy", 403);
        var cronJobs = new UnavailableKind("cronjobs.batch", "CronJob", 404);

        Assert.Empty(listed.WithUnavailable([forbidden]).NetworkPolicies);
        Assert.Equal([policy], listed.WithUnavailable([cronJobs]).NetworkPolicies);
        Assert.False(Snapshot(Workload("web", "web:1.0")).WithUnavailable([cronJobs]).HasNetworkPolicyList);
    }

    [Theory]
    [InlineData("NetworkPolicy", true)]
    [InlineData("HorizontalPodAutoscaler", true)]
    [InlineData("ServiceAccount", true)]
    [InlineData("PodDisruptionBudget", true)]
    [InlineData("ReplicaSet", false)]
    public void RunningComplete_OnlyKindsThatAreNotWorkloadsMissing_IsStillComplete(string kind, bool complete)
    {
        var snapshot = Snapshot(Workload("web", "web:1.0")) with { Unavailable = [new UnavailableKind("x", kind, 403)] };

        Assert.Equal(complete, snapshot.RunningComplete);
    }

    [Fact]
    public void EffectivePolicyTypes_Unset_IngressPlusEgressWhenThereAreEgressRules()
    {
        Assert.Equal(["Ingress"], NetworkPolicy.EffectivePolicyTypes(null, hasEgressRules: false));
        Assert.Equal(["Ingress", "Egress"], NetworkPolicy.EffectivePolicyTypes([], hasEgressRules: true));
        Assert.Equal(["Egress"], NetworkPolicy.EffectivePolicyTypes(["Egress"], hasEgressRules: true));
    }
}
