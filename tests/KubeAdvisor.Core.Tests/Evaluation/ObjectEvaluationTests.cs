using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Tests.Policies;

namespace KubeAdvisor.Core.Tests.Evaluation;

/// <summary>Object policies in the evaluator (decision 0033): findings, tallies, scores, exclusions and exceptions of objects.</summary>
public sealed class ObjectEvaluationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPolicy Tls = PolicyCatalog.Find("ingress-tls-missing")!;
    private static readonly ClusterPolicySettings Enabled = ClusterPolicySettings.Default with
    {
        Policies = new Dictionary<string, PolicyOverride> { ["ingress-tls-missing"] = new(Enabled: true) },
    };

    private static Ingress Plain(string ns, string name) => new(ns, name, $"uid-{ns}-{name}", [$"{name}.example.com"], []);

    private static Ingress Secure(string ns, string name) =>
        new(ns, name, $"uid-{ns}-{name}", [$"{name}.example.com"], [new IngressTls([$"{name}.example.com"])]);

    private static ClusterSnapshot Snapshot(params Ingress[] ingresses) =>
        TestSnapshots.Snapshot(TestSnapshots.Workload("web", "nginx:1.27")) with { Ingresses = ingresses };

    [Fact]
    public void Evaluate_IngressWithoutTls_FindingNamesTheIngressAsItsSubject()
    {
        var result = PolicyEvaluator.Evaluate(Snapshot(Plain("shop", "status"), Secure("shop", "web")), Enabled, [Tls]);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("uid-shop-status", "Ingress", "shop", "status", null, null), (finding.WorkloadUid, finding.WorkloadKind,
            finding.Namespace, finding.WorkloadName, finding.ContainerName, finding.Image));
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("status.example.com", finding.Message, StringComparison.Ordinal);
        Assert.Equal([("uid-shop-status", 0, 1), ("uid-shop-web", 1, 0)],
            result.Tallies.Select(t => (t.WorkloadUid, t.Passed, t.Failed)).Order());
    }

    [Fact]
    public void Evaluate_ObjectChecks_CountInTheNamespaceAndClusterScoresLikeWorkloadChecks()
    {
        var result = PolicyEvaluator.Evaluate(Snapshot(Plain("shop", "status"), Secure("shop", "web")), Enabled, [Tls]);

        // One passed and one failed medium check (weight 2 each): 50, in the namespace and the cluster alike.
        Assert.Equal(50d, result.ScoresByNamespace()["shop"].Score);
        Assert.Equal(50d, result.ClusterScore().Score);
        Assert.Equal(2, result.TotalChecks);
    }

    [Fact]
    public void Evaluate_ExcludedNamespace_ObjectCheckIsExempt()
    {
        var settings = Enabled with { ExcludedNamespaces = ["shop"] };

        var result = PolicyEvaluator.Evaluate(Snapshot(Plain("shop", "status")), settings, [Tls]);

        Assert.Empty(result.Findings);
        Assert.Equal((0, 0, 1), result.Tallies.Select(t => (t.Passed, t.Failed, t.Exempt)).Single());
    }

    [Theory]
    [InlineData("shop", "Ingress", "status", true)]
    [InlineData(null, "ingress", "stat*", true)]
    [InlineData("other", "Ingress", "status", false)]
    [InlineData(null, "Deployment", "status", false)]
    public void Evaluate_ExceptionScope_MatchesTheObjectByNamespaceKindAndName(string? ns, string kind, string name, bool exempt)
    {
        var exceptions = new ExceptionSet([new ExceptionRule("ex-1", new ExceptionScope(ns, kind, name), ["ingress-tls-missing"])], Now);

        var result = PolicyEvaluator.Evaluate(Snapshot(Plain("shop", "status")), Enabled, [Tls], DigestHistory.Empty, exceptions);

        Assert.Equal(exempt ? 0 : 1, result.Findings.Count);
        Assert.Equal(exempt ? 1 : 0, result.ExceptionHits.GetValueOrDefault("ex-1"));
    }

    [Fact]
    public void Evaluate_ExceptionNarrowedToAContainer_NeverExemptsAnObject()
    {
        var exceptions = new ExceptionSet([new ExceptionRule("ex-1", new ExceptionScope(Container: "*x*"), ["ingress-tls-missing"])], Now);

        var result = PolicyEvaluator.Evaluate(Snapshot(Plain("shop", "status")), Enabled, [Tls], DigestHistory.Empty, exceptions);

        Assert.Single(result.Findings);
    }

    [Fact]
    public void Evaluate_PolicyOff_ObjectsMakeNoChecks()
    {
        var result = PolicyEvaluator.Evaluate(Snapshot(Plain("shop", "status")), ClusterPolicySettings.Default);

        Assert.DoesNotContain(result.Tallies, t => t.WorkloadUid == "uid-shop-status");
    }

    [Fact]
    public void Evaluate_IngressesUnavailable_PolicyNotEvaluated()
    {
        var snapshot = Snapshot(Plain("shop", "status")).WithUnavailable([new UnavailableKind("ingresses.networking.k8s.io", "Ingress", 403)]);

        var result = PolicyEvaluator.Evaluate(snapshot, Enabled, [Tls]);

        Assert.Empty(result.Findings);
        Assert.Empty(snapshot.Ingresses);
        Assert.Equal(["ingress-tls-missing"], result.NotEvaluated);
        Assert.True(snapshot.RunningComplete); // an object kind is no workload kind: what runs is still known
    }
}
