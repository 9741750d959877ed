using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using static KubeAdvisor.Core.Tests.Policies.TestSnapshots;

namespace KubeAdvisor.Core.Tests.Policies.BestPractice;

/// <summary>What fixtures cannot show: counts of not-applicable checks, scores with packs, per-snapshot PDB indexes.</summary>
public sealed class BestPracticeEvaluationTests
{
    private static readonly Dictionary<string, string> WebLabels = new() { ["app"] = "web" };

    private static ClusterPolicySettings Packs(params string[] packs) =>
        ClusterPolicySettings.Default with { Packs = packs.ToDictionary(p => p, _ => true) };

    private static Workload WithSpec(Workload w, Func<PodSpec, PodSpec> change) =>
        w with { Template = w.Template with { Spec = change(w.Template.Spec) } };

    [Fact]
    public void Evaluate_WindowsPod_LinuxOnlyPoliciesDoNotApplyButRunAsRootDoes()
    {
        var windows = WithSpec(Workload("win", [Container("app", "mcr.microsoft.com/windows/nanoserver:ltsc2022")]), s => s with { OsName = "windows" });

        var result = PolicyEvaluator.Evaluate(Snapshot(windows), Packs("security"));
        var judged = result.Tallies.Select(t => t.PolicyId).ToHashSet();

        Assert.DoesNotContain("container-privileged", judged);
        Assert.DoesNotContain("container-seccomp-unconfined", judged);
        Assert.DoesNotContain("container-capabilities-not-dropped", judged);
        Assert.DoesNotContain("container-root-filesystem-writable", judged);
        Assert.DoesNotContain("container-privilege-escalation-allowed", judged);
        Assert.Contains("container-run-as-root", judged);
        Assert.Contains("pod-host-network", judged);
    }

    [Fact]
    public void Evaluate_ProbesAndResources_SkipEphemeralAndPlainInitContainers()
    {
        var workload = Workload("api", [Container("app", "api:1.0")],
            initContainers: [Container("setup", "busybox:1.36", ContainerType.Init),
                Container("proxy", "envoy:1.31", ContainerType.Init) with { RestartPolicy = "Always" }],
            ephemeralContainers: [Container("debug", "busybox:1.36", ContainerType.Ephemeral)]);

        var result = PolicyEvaluator.Evaluate(Snapshot(workload), Packs("reliability", "efficiency"));
        int Checks(string id) => result.Tallies.Where(t => t.PolicyId == id).Sum(t => t.Total);

        Assert.Equal(2, Checks("container-liveness-probe-missing")); // app + native sidecar
        Assert.Equal(2, Checks("container-readiness-probe-missing"));
        Assert.Equal(3, Checks("container-cpu-request-missing"));     // app + both init containers
        Assert.Equal(0, Checks("container-cpu-limit-missing"));       // not enabled by its pack
        Assert.DoesNotContain(result.Findings, f => f.ContainerName == "debug");
    }

    [Fact]
    public void Evaluate_RunToCompletionPod_IsNotJudgedOnProbes()
    {
        var pod = WithSpec(Workload("once", [Container("app", "tool:1.0")], kind: "Pod"), s => s with { RestartPolicy = "Never" });

        var result = PolicyEvaluator.Evaluate(Snapshot(pod), Packs("reliability"));

        Assert.DoesNotContain(result.Tallies, t => t.PolicyId.Contains("probe", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.PolicyId == "pod-without-controller");
    }

    [Fact]
    public void Evaluate_DisruptionBudgets_AreIndexedPerSnapshot()
    {
        var workload = Workload("web", [Container("app", "web:1.0")]) with { Replicas = 3 };
        workload = workload with { Template = workload.Template with { Labels = WebLabels } };
        var budget = new PodDisruptionBudget("apps", "web", new LabelSelector(WebLabels, []));
        var covered = Snapshot(workload) with { PodDisruptionBudgets = [budget] };
        var twice = covered with { PodDisruptionBudgets = [budget, budget with { Name = "web-2" }] };
        var settings = ClusterPolicySettings.Default.WithPolicy("workload-disruption-budget-missing", new PolicyOverride(Enabled: true));

        Assert.Empty(PolicyEvaluator.Evaluate(covered, settings).Findings);
        Assert.Contains("refuses", Assert.Single(PolicyEvaluator.Evaluate(twice, settings).Findings).Message, StringComparison.Ordinal);
        Assert.Contains("no PodDisruptionBudget", Assert.Single(PolicyEvaluator.Evaluate(Snapshot(workload), settings).Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterScore_PacksEnabled_IncludeTheirChecks()
    {
        var hardened = Container("app", "api:1.0") with
        {
            SecurityContext = new ContainerSecurityContext(false, false, true, 10001, true, [], ["ALL"], "RuntimeDefault"),
        };
        var snapshot = Snapshot(Workload("api", [hardened]));

        var imageOnly = PolicyEvaluator.Evaluate(snapshot, ClusterPolicySettings.Default);
        var withSecurity = PolicyEvaluator.Evaluate(snapshot, Packs("security"));

        Assert.Equal(100, imageOnly.ClusterScore().WholeScore);
        Assert.True(withSecurity.TotalChecks > imageOnly.TotalChecks + 10);
        Assert.Equal(["pod-service-account-token-automounted"], withSecurity.Findings.Select(f => f.PolicyId));
        Assert.True(withSecurity.ClusterScore().WholeScore < 100);
    }
}
