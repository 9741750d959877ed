using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Tests.Policies;

namespace KubeAdvisor.Core.Tests.Evaluation;

/// <summary>A plan made once gives, snapshot after snapshot, exactly what the evaluator gives when it plans every time.</summary>
public sealed class PolicyPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static readonly ClusterPolicySettings Everything = new()
    {
        Packs = new Dictionary<string, bool> { ["security"] = true, ["reliability"] = true, ["efficiency"] = true },
        Policies = new Dictionary<string, PolicyOverride>
        {
            ["image-tag-latest"] = new(Severity: Severity.Critical),
            ["container-privileged"] = new(Enabled: false),
            ["image-digest-required"] = new(Enabled: true, ExemptImages: ["quay.io/*"]),
        },
    };

    public static TheoryData<int> Snapshots() => [0, 1, 2];

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void Evaluate_SamePlanForManySnapshots_EqualsTheEvaluator(int shape)
    {
        var plan = new PolicyPlan(Everything, PolicyCatalog.All);
        var exceptions = new ExceptionSet([new ExceptionRule("e1", new ExceptionScope("apps", null, "web", null, null), ["image-tag-latest"])], Now);

        foreach (var snapshot in Shapes(shape))
        {
            var expected = PolicyEvaluator.Evaluate(snapshot, Everything, PolicyCatalog.All, DigestHistory.Empty, exceptions);
            var actual = plan.Evaluate(snapshot, DigestHistory.Empty, exceptions);

            Assert.Equal(expected.Findings, actual.Findings);
            Assert.Equal(expected.Tallies, actual.Tallies);
            Assert.Equal(expected.NotEvaluated, actual.NotEvaluated);
            Assert.Equal(expected.ExceptionHits, actual.ExceptionHits);
        }
    }

    [Fact]
    public void PolicyIds_FollowTheSettings()
    {
        var defaults = new PolicyPlan(ClusterPolicySettings.Default, PolicyCatalog.All);
        var everything = new PolicyPlan(Everything, PolicyCatalog.All);

        Assert.Equal(["image-reference-invalid", "image-replica-drift", "image-tag-latest", "image-tag-missing", "image-tag-moved"], defaults.PolicyIds);
        Assert.DoesNotContain("container-privileged", everything.PolicyIds);
        Assert.Contains("image-digest-required", everything.PolicyIds);
    }

    private static IEnumerable<ClusterSnapshot> Shapes(int shape)
    {
        var web = TestSnapshots.Workload("web", "nginx:latest", "quay.io/app/sidecar:1.0");
        var api = TestSnapshots.Workload("api", [TestSnapshots.Container("api", "registry.example.com/api@sha256:" + new string('a', 64))], ns: "shop");
        var proxy = TestSnapshots.Workload("proxy", [TestSnapshots.Container("p", "kube-proxy:latest")], ns: "kube-system");
        return shape switch
        {
            0 => [TestSnapshots.Snapshot(web), TestSnapshots.Snapshot(api), TestSnapshots.Snapshot(web)],
            1 => [TestSnapshots.Snapshot(web, api, proxy)],
            _ => [TestSnapshots.Snapshot(web, api).WithUnavailable([new UnavailableKind("networkpolicies.networking.k8s.io", "NetworkPolicy", 403)])],
        };
    }
}
