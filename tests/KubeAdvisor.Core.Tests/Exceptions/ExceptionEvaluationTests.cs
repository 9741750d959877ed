using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Tests.Policies;

namespace KubeAdvisor.Core.Tests.Exceptions;

/// <summary>Approved exceptions in the evaluator: which checks they make exempt, and what they count.</summary>
public sealed class ExceptionEvaluationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly ClusterPolicySettings Defaults = ClusterPolicySettings.Default;

    private static Workload Web(string ns = "payments", string name = "api", string kind = "Deployment") =>
        TestSnapshots.Workload(name, [TestSnapshots.Container("app", "nginx:latest"), TestSnapshots.Container("sidecar", "ghcr.io/acme/proxy")], ns, kind);

    private static EvaluationResult Evaluate(Workload workload, params ExceptionRule[] rules) =>
        PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(workload), Defaults, DigestHistory.Empty, new ExceptionSet(rules, Now));

    private static ExceptionRule Rule(ExceptionScope scope, params string[] policies) => new("ex-1", scope, policies);

    [Fact]
    public void Evaluate_NoExceptions_BothContainersFail()
    {
        var result = Evaluate(Web());

        Assert.Equal(["image-tag-latest", "image-tag-missing"], result.Findings.Select(f => f.PolicyId).Order());
        Assert.Empty(result.ExceptionHits);
    }

    [Theory]
    [InlineData("payments", "Deployment", "api")]
    [InlineData("pay*", null, null)]
    [InlineData(null, "deployment", "a?i")]
    [InlineData("*", "*", "*")]
    public void Evaluate_WorkloadGlobsMatch_ChecksOfThatPolicyExempt(string? ns, string? kind, string? name)
    {
        var result = Evaluate(Web(), Rule(new ExceptionScope(ns, kind, name), "image-tag-latest"));

        Assert.Equal("image-tag-missing", Assert.Single(result.Findings).PolicyId);
        var latest = result.Tallies.Single(t => t.PolicyId == "image-tag-latest");
        // Every check of the policy on that workload is exempt, the passing one too.
        Assert.Equal((0, 0, 2), (latest.Passed, latest.Failed, latest.Exempt));
        Assert.Equal(2, result.ExceptionHits["ex-1"]);
    }

    [Theory]
    [InlineData("orders", null, null)]
    [InlineData(null, "StatefulSet", null)]
    [InlineData(null, null, "api-*")]
    public void Evaluate_WorkloadGlobsDoNotMatch_NothingExempt(string? ns, string? kind, string? name)
    {
        var result = Evaluate(Web(), Rule(new ExceptionScope(ns, kind, name), "image-tag-latest", "image-tag-missing"));

        Assert.Equal(2, result.Findings.Count);
        Assert.Empty(result.ExceptionHits);
    }

    [Fact]
    public void Evaluate_ContainerScope_ExemptsOnlyThatContainer()
    {
        var result = Evaluate(Web(), Rule(new ExceptionScope(Container: "side*"), "image-tag-latest", "image-tag-missing"));

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("app", "image-tag-latest"), (finding.ContainerName, finding.PolicyId));
    }

    [Theory]
    [InlineData("ghcr.io/acme/*")]
    [InlineData("ghcr.io/acme/proxy")]
    public void Evaluate_ImageScope_MatchesWrittenOrQualifiedImage(string glob)
    {
        var result = Evaluate(Web(), Rule(new ExceptionScope(Image: glob), "image-tag-missing"));

        Assert.Equal("image-tag-latest", Assert.Single(result.Findings).PolicyId);
    }

    [Fact]
    public void Evaluate_ImageScopeMatchesQualifiedDockerHubName()
    {
        var result = Evaluate(Web(), Rule(new ExceptionScope(Image: "docker.io/library/nginx*"), "image-tag-latest"));

        Assert.Equal("image-tag-missing", Assert.Single(result.Findings).PolicyId);
    }

    [Fact]
    public void Evaluate_OtherPolicy_NotExempt()
    {
        var result = Evaluate(Web(), Rule(ExceptionScope.Everything, "container-privileged"));

        Assert.Equal(2, result.Findings.Count);
    }

    [Fact]
    public void Evaluate_ContainerScopedRule_DoesNotExemptWorkloadChecks()
    {
        var settings = Defaults.WithPolicy("workload-single-replica", new PolicyOverride { Enabled = true });
        var workload = Web();
        var set = new ExceptionSet([Rule(new ExceptionScope(Container: "*app*"), "workload-single-replica")], Now);

        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(workload), settings, DigestHistory.Empty, set);

        Assert.Contains(result.Findings, f => f.PolicyId == "workload-single-replica");
    }

    [Fact]
    public void Evaluate_WorkloadRule_ExemptsWorkloadCheck()
    {
        var settings = Defaults.WithPolicy("workload-single-replica", new PolicyOverride { Enabled = true });
        var set = new ExceptionSet([Rule(new ExceptionScope(Name: "api"), "workload-single-replica")], Now);

        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(Web()), settings, DigestHistory.Empty, set);

        Assert.DoesNotContain(result.Findings, f => f.PolicyId == "workload-single-replica");
        Assert.Equal(1, result.Tallies.Single(t => t.PolicyId == "workload-single-replica").Exempt);
    }

    [Fact]
    public void Evaluate_ExemptChecksLowerNoScoreAndAreCountedApart()
    {
        var without = Evaluate(Web()).ClusterScore();
        var with = Evaluate(Web(), Rule(ExceptionScope.Everything, "image-tag-latest", "image-tag-missing")).ClusterScore();

        Assert.Equal(2, without.Failed);
        Assert.Equal((0L, 4L), (with.Failed, with.Exempt));
        Assert.True(with.Score > without.Score);
    }

    [Fact]
    public void LapseNote_NamesTheLapsedRuleCoveringTheFinding()
    {
        var finding = Assert.Single(Evaluate(Web()).Findings, f => f.PolicyId == "image-tag-latest");
        var lapsed = new ExceptionRule("old", new ExceptionScope("payments"), ["image-tag-latest"]) { LapseNote = "exception expired" };
        var other = new ExceptionRule("other", new ExceptionScope("orders"), ["image-tag-latest"]) { LapseNote = "exception revoked" };

        Assert.Equal("exception expired", new ExceptionSet([], Now, [other, lapsed]).LapseNote(finding));
        Assert.Null(new ExceptionSet([], Now, [other]).LapseNote(finding));
    }
}
