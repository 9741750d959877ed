using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Tests.Policies;

namespace KubeAdvisor.Core.Tests.Evaluation;

public sealed class PolicyEvaluatorTests
{
    private static readonly ClusterPolicySettings Defaults = ClusterPolicySettings.Default;

    [Fact]
    public void Evaluate_DefaultSettings_RunsOnlyDefaultEnabledPolicies()
    {
        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(TestSnapshots.Workload("web", "nginx:1.0")), Defaults);

        Assert.Equal(["image-reference-invalid", "image-tag-latest", "image-tag-missing"], result.Tallies.Select(t => t.PolicyId));
        Assert.All(result.Tallies, t => Assert.Equal((1, 0, 0), (t.Passed, t.Failed, t.Exempt)));
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Evaluate_FailingContainer_FindingCarriesWorkloadContainerAndRemediation()
    {
        var init = TestSnapshots.Container("setup", "busybox", ContainerType.Init);
        var workload = TestSnapshots.Workload("web", [TestSnapshots.Container("app", "nginx:1.0")], initContainers: [init]);

        var finding = Assert.Single(PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(workload), Defaults).Findings);

        Assert.Equal(new Finding("uid-apps-web", "Deployment", "apps", "web", "setup", ContainerType.Init, "busybox",
            "image-tag-missing", Severity.High, finding.Message, PolicyCatalog.Find("image-tag-missing")!.Descriptor.Remediation), finding);
        Assert.StartsWith("image busybox has no tag", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ExcludedNamespace_CountsChecksAsExemptWithoutFindings()
    {
        var workload = TestSnapshots.Workload("proxy", [TestSnapshots.Container("p", "kube-proxy:latest")], ns: "kube-system");

        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(workload), Defaults);

        Assert.Empty(result.Findings);
        Assert.Equal(3, result.Tallies.Count);
        Assert.All(result.Tallies, t => Assert.Equal((0, 0, 1), (t.Passed, t.Failed, t.Exempt)));
    }

    [Fact]
    public void Evaluate_NamespaceNoLongerExcluded_IsJudged()
    {
        var workload = TestSnapshots.Workload("proxy", [TestSnapshots.Container("p", "kube-proxy:latest")], ns: "kube-system");

        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(workload), Defaults with { ExcludedNamespaces = [] });

        Assert.Equal("image-tag-latest", Assert.Single(result.Findings).PolicyId);
    }

    [Theory]
    [InlineData(true, "true")]
    [InlineData(false, "true")]
    [InlineData(true, " TRUE ")]
    [InlineData(false, "image-tag-missing, image-tag-latest")]
    public void Evaluate_ExemptAnnotationOnObjectOrTemplate_ExemptsPolicies(bool onObject, string value)
    {
        var annotation = new Dictionary<string, string> { [ExemptAnnotation.Key] = value };
        var workload = TestSnapshots.Workload("web", [TestSnapshots.Container("a", "nginx"), TestSnapshots.Container("b", "nginx:latest")],
            annotations: onObject ? annotation : null, templateAnnotations: onObject ? null : annotation);

        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(workload), Defaults);

        Assert.Empty(result.Findings);
        var missing = result.Tallies.Single(t => t.PolicyId == "image-tag-missing");
        Assert.Equal((0, 0, 2), (missing.Passed, missing.Failed, missing.Exempt));
    }

    [Fact]
    public void Evaluate_ExemptAnnotationListingOnePolicy_LeavesOthersJudged()
    {
        var annotation = new Dictionary<string, string> { [ExemptAnnotation.Key] = "image-tag-latest" };
        var workload = TestSnapshots.Workload("web", [TestSnapshots.Container("a", "nginx"), TestSnapshots.Container("b", "nginx:latest")],
            annotations: annotation);

        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(workload), Defaults);

        Assert.Equal("image-tag-missing", Assert.Single(result.Findings).PolicyId);
        Assert.Equal(2, result.Tallies.Single(t => t.PolicyId == "image-tag-latest").Exempt);
        Assert.Equal(0, result.Tallies.Single(t => t.PolicyId == "image-reference-invalid").Exempt);
    }

    [Theory]
    [InlineData("registry.k8s.io/pause*", "registry.k8s.io/pause")]
    [InlineData("*/pause", "registry.k8s.io/pause")]
    [InlineData("docker.io/library/busy*", "busybox")]
    [InlineData("busybox", "busybox")]
    [InlineData("registry.k8s.io/paus?", "registry.k8s.io/pause")]
    public void Evaluate_ImageGlobForPolicy_ExemptsOnlyThatPolicyAndImage(string glob, string image)
    {
        var settings = Defaults.WithPolicy("image-tag-missing", new PolicyOverride(ExemptImages: [glob]));
        var workload = TestSnapshots.Workload("web", image, "other");

        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(workload), settings);

        var missing = result.Tallies.Single(t => t.PolicyId == "image-tag-missing");
        Assert.Equal((0, 1, 1), (missing.Passed, missing.Failed, missing.Exempt));
        Assert.Equal("other", Assert.Single(result.Findings).Image);
    }

    [Fact]
    public void Evaluate_ImageGlobThatDoesNotMatch_StillFails()
    {
        var settings = Defaults.WithPolicy("image-tag-missing", new PolicyOverride(ExemptImages: ["registry.k8s.io/pause*"]));

        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(TestSnapshots.Workload("web", "registry.k8s.io/etcd")), settings);

        Assert.Single(result.Findings);
    }

    [Fact]
    public void Evaluate_DigestExemptRegistry_CountsAsExempt()
    {
        var settings = Defaults.WithPolicy("image-digest-required", new PolicyOverride(Enabled: true)) with { DigestExemptRegistries = ["registry.k8s.io"] };

        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(TestSnapshots.Workload("web", "registry.k8s.io/pause:3.9", "nginx:1")), settings);

        var digest = result.Tallies.Single(t => t.PolicyId == "image-digest-required");
        Assert.Equal((0, 1, 1), (digest.Passed, digest.Failed, digest.Exempt));
    }

    [Fact]
    public void Evaluate_InvalidImage_OnlyTheInvalidPolicyCounts()
    {
        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(TestSnapshots.Workload("web", "Nginx:1.0")), Defaults);

        Assert.Equal("image-reference-invalid", Assert.Single(result.Tallies).PolicyId);
        Assert.Equal("image-reference-invalid", Assert.Single(result.Findings).PolicyId);
    }

    [Fact]
    public void Evaluate_SeverityOverrideAndDisabledPolicy_AreApplied()
    {
        var settings = Defaults
            .WithPolicy("image-tag-latest", new PolicyOverride(Severity: Severity.Critical))
            .WithPolicy("image-tag-missing", new PolicyOverride(Enabled: false));

        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(TestSnapshots.Workload("web", "nginx:latest", "redis")), settings);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.DoesNotContain(result.Tallies, t => t.PolicyId == "image-tag-missing");
        Assert.Equal(Severity.Critical, result.Tallies.Single(t => t.PolicyId == "image-tag-latest").Severity);
    }

    [Fact]
    public void Evaluate_ShuffledWorkloads_GivesIdenticalOrderedResults()
    {
        var workloads = Enumerable.Range(0, 20)
            .Select(i => TestSnapshots.Workload($"w{i % 7}", [TestSnapshots.Container("c", i % 2 == 0 ? "nginx" : "app:latest")], ns: $"ns{i % 3}", kind: i < 10 ? "Deployment" : "StatefulSet"))
            .ToArray();

        var forward = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(workloads), Defaults);
        var backward = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(workloads.Reverse().ToArray()), Defaults);

        Assert.Equal(forward.Findings, backward.Findings);
        Assert.Equal(forward.Tallies, backward.Tallies);
        Assert.Equal(forward.Findings.OrderBy(f => f.Namespace, StringComparer.Ordinal).ThenBy(f => f.WorkloadName, StringComparer.Ordinal)
            .ThenBy(f => f.WorkloadKind, StringComparer.Ordinal), forward.Findings);
    }

    [Fact]
    public void Evaluate_WorkloadScopedPolicy_FindingHasNoContainerFields()
    {
        var workload = TestSnapshots.Workload("web", "nginx:1") with { Replicas = 1 };

        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(workload), Defaults, [new SingleReplicaTestPolicy()]);

        var finding = Assert.Single(result.Findings);
        Assert.Null(finding.ContainerName);
        Assert.Null(finding.ContainerType);
        Assert.Null(finding.Image);
        Assert.Equal(1, Assert.Single(result.Tallies).Failed);
    }

    [Fact]
    public void TotalChecks_ThreeContainersThreePolicies_CountsNine()
    {
        var result = PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(TestSnapshots.Workload("web", "a:1", "b", "c:latest")), Defaults);

        Assert.Equal(9, result.TotalChecks);
        Assert.Equal(2, result.Findings.Count);
    }

    private sealed class SingleReplicaTestPolicy : WorkloadPolicy
    {
        public override PolicyDescriptor Descriptor { get; } =
            new("test-single-replica", "t", "d", "r", "fix", "Reliability", Severity.Medium, true, "test");

        public override CheckResult Evaluate(in WorkloadContext context) =>
            context.Workload.Replicas is 1 ? CheckResult.Fail("one replica") : CheckResult.Pass;
    }
}
