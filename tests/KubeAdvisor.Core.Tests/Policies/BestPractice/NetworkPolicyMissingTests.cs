using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using static KubeAdvisor.Core.Tests.Policies.TestSnapshots;

namespace KubeAdvisor.Core.Tests.Policies.BestPractice;

/// <summary>What the fixtures of workload-network-policy-missing cannot show: when it judges nothing at all.</summary>
public sealed class NetworkPolicyMissingTests
{
    private const string Id = "workload-network-policy-missing";

    private static readonly ClusterPolicySettings Settings = ClusterPolicySettings.Default.WithPolicy(Id, new PolicyOverride(Enabled: true));

    private static int Checks(ClusterSnapshot snapshot) =>
        PolicyEvaluator.Evaluate(snapshot, Settings).Tallies.Where(t => t.PolicyId == Id).Sum(t => t.Total);

    [Fact]
    public void Evaluate_SnapshotWithoutANetworkPolicyList_JudgesNothingWhileAnEmptyListFails()
    {
        // An agent that predates NetworkPolicies sends no list at all: unknown, not "none".
        var unknown = Snapshot(Workload("web", "web:1.0"));
        var none = unknown with { NetworkPolicies = [] };

        Assert.False(unknown.HasNetworkPolicyList);
        Assert.Equal(0, Checks(unknown));
        Assert.True(none.HasNetworkPolicyList);
        Assert.Contains("no NetworkPolicy in namespace apps", Assert.Single(PolicyEvaluator.Evaluate(none, Settings).Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_HostNetworkPod_IsNotJudged()
    {
        var web = Workload("web", "web:1.0");
        var host = web with { Name = "agent", Uid = "uid-agent", Template = web.Template with { Spec = web.Template.Spec with { HostNetwork = true } } };

        var result = PolicyEvaluator.Evaluate(Snapshot(web, host) with { NetworkPolicies = [] }, Settings);

        Assert.Equal(["web"], result.Findings.Select(f => f.WorkloadName));
        Assert.Equal(1, result.Tallies.Where(t => t.PolicyId == Id).Sum(t => t.Total));
    }
}
