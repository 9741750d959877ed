using System.Text.Json;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Policies;
using static KubeAdvisor.Core.Tests.Policies.TestSnapshots;

namespace KubeAdvisor.Core.Tests.Policies.BestPractice;

public sealed class AutomountAllowedWorkloadsTests
{
    private const string Id = "pod-service-account-token-automounted";

    private static ClusterPolicySettings Settings(params string[] allowed) =>
        (ClusterPolicySettings.Default with { AutomountAllowedWorkloads = allowed }).WithPolicy(Id, new PolicyOverride(Enabled: true));

    [Theory]
    [InlineData("monitoring/prometheus-*", "monitoring", "prometheus-server", true)]
    [InlineData("monitoring/prometheus-*", "monitoring", "grafana", false)]
    [InlineData("monitoring/prometheus-*", "monitoring-2", "prometheus-server", false)]
    [InlineData("argocd/*", "argocd", "argocd-application-controller", true)]
    [InlineData("*/cert-manager", "cert-manager", "cert-manager", true)]
    [InlineData("team-?/api", "team-a", "api", true)]
    [InlineData("team-?/api", "team-ab", "api", false)]
    public void IsAutomountAllowed_NamespaceNameGlob_Matches(string pattern, string ns, string name, bool expected)
    {
        var parameters = PolicyParameters.From(ClusterPolicySettings.Default with { AutomountAllowedWorkloads = [pattern] });

        Assert.Equal(expected, parameters.IsAutomountAllowed(ns, name));
    }

    [Fact]
    public void IsAutomountAllowed_VeryLongNames_DoNotOverflowTheStackBuffer()
    {
        var parameters = PolicyParameters.From(ClusterPolicySettings.Default with { AutomountAllowedWorkloads = ["long/*"] });

        Assert.True(parameters.IsAutomountAllowed("long", new string('a', 300)));
    }

    [Fact]
    public void Evaluate_AllowedWorkload_IsCountedExemptNotPassedOrDropped()
    {
        var snapshot = Snapshot(Workload("prometheus-server", [Container("app", "prom/prometheus:v3.0.0")], ns: "monitoring"),
            Workload("shop", [Container("app", "shop:1.0")], ns: "monitoring"));

        var result = PolicyEvaluator.Evaluate(snapshot, Settings("monitoring/prometheus-*"));
        var tallies = result.Tallies.Where(t => t.PolicyId == Id).ToDictionary(t => t.WorkloadUid);

        Assert.Equal((0, 0, 1), (tallies["uid-monitoring-prometheus-server"].Passed, tallies["uid-monitoring-prometheus-server"].Failed, tallies["uid-monitoring-prometheus-server"].Exempt));
        Assert.Equal(1, tallies["uid-monitoring-shop"].Failed);
        Assert.Contains(result.Findings, f => f.WorkloadName == "shop" && f.Message.Contains("service account default", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_AutomountFalse_PassesEvenWhenNotAllowed()
    {
        var workload = Workload("api", [Container("app", "api:1.0")]);
        workload = workload with { Template = workload.Template with { Spec = workload.Template.Spec with { AutomountServiceAccountToken = false } } };

        var result = PolicyEvaluator.Evaluate(Snapshot(workload), Settings());

        Assert.Equal(1, result.Tallies.Single(t => t.PolicyId == Id).Passed);
    }

    [Theory]
    [InlineData("monitoring")]
    [InlineData("monitoring/")]
    [InlineData("/prometheus")]
    [InlineData("a/b/c")]
    [InlineData("Monitoring/Prometheus")]
    [InlineData("monitoring/prom etheus")]
    [InlineData("")]
    public void Validate_MalformedPattern_IsReported(string pattern)
    {
        var errors = (ClusterPolicySettings.Default with { AutomountAllowedWorkloads = [pattern] }).Validate();

        Assert.Contains(errors, e => e.StartsWith($"Automount-allowed workload '{pattern}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WellFormedPatterns_AreAccepted()
    {
        Assert.Empty((ClusterPolicySettings.Default with { AutomountAllowedWorkloads = ["monitoring/prometheus-*", "*/cert-manager", "kube-system/?oredns"] }).Validate());
    }

    [Fact]
    public void Json_RoundTrip_KeepsAllowedWorkloadsAndOldJsonDefaultsToEmpty()
    {
        var settings = ClusterPolicySettings.Default with { AutomountAllowedWorkloads = ["argocd/*"] };

        var back = JsonSerializer.Deserialize<ClusterPolicySettings>(JsonSerializer.Serialize(settings))!;
        var old = JsonSerializer.Deserialize<ClusterPolicySettings>("""{"AllowedRegistries":[]}""")!;

        Assert.Equal(["argocd/*"], back.AutomountAllowedWorkloads);
        Assert.Empty(old.AutomountAllowedWorkloads);
    }
}
