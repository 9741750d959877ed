using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies.BestPractice;

public sealed class BestPracticeCatalogTests
{
    private static readonly (string Id, string Pack, Severity Severity)[] Expected =
    [
        ("container-capabilities-dangerous", "security", Severity.High),
        ("container-capabilities-not-dropped", "security", Severity.Medium),
        ("container-cpu-limit-missing", "efficiency", Severity.Low),
        ("container-cpu-request-missing", "efficiency", Severity.Medium),
        ("container-env-secret-literal", "security", Severity.High),
        ("container-host-port", "security", Severity.Medium),
        ("container-liveness-probe-missing", "reliability", Severity.Medium),
        ("container-memory-limit-missing", "efficiency", Severity.Medium),
        ("container-memory-request-missing", "efficiency", Severity.Medium),
        ("container-privilege-escalation-allowed", "security", Severity.High),
        ("container-privileged", "security", Severity.Critical),
        ("container-readiness-probe-missing", "reliability", Severity.Medium),
        ("container-root-filesystem-writable", "security", Severity.Medium),
        ("container-run-as-root", "security", Severity.High),
        ("container-seccomp-unconfined", "security", Severity.Medium),
        ("pod-host-ipc", "security", Severity.High),
        ("pod-host-network", "security", Severity.High),
        ("pod-host-path-volume", "security", Severity.High),
        ("pod-host-pid", "security", Severity.High),
        ("pod-service-account-token-automounted", "security", Severity.Low),
        ("pod-without-controller", "reliability", Severity.Medium),
        ("workload-default-namespace", "reliability", Severity.Low),
        ("workload-disruption-budget-missing", "reliability", Severity.Medium),
        ("workload-single-replica", "reliability", Severity.Medium),
    ];

    [Fact]
    public void All_BestPracticePolicies_AreDiscoveredOffByDefaultInTheirPacks()
    {
        var actual = PolicyCatalog.All.Where(p => p.Descriptor.Pack != "image")
            .Select(p => (p.Descriptor.Id, p.Descriptor.Pack, p.Descriptor.DefaultSeverity));

        Assert.Equal(Expected, actual);
        Assert.All(PolicyCatalog.All.Where(p => p.Descriptor.Pack != "image"), p => Assert.False(p.Descriptor.DefaultEnabled));
    }

    [Fact]
    public void All_BestPracticePolicies_HaveAYamlSnippetInTheirRemediation()
    {
        Assert.All(PolicyCatalog.All.Where(p => p.Descriptor.Pack != "image"), p =>
        {
            Assert.Contains("\n", p.Descriptor.Remediation, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^\s+[a-zA-Z]+:", p.Descriptor.Remediation);
        });
    }

    [Fact]
    public void IsEnabled_PackSwitchedOn_EnablesItsPoliciesExceptCpuLimit()
    {
        var settings = ClusterPolicySettings.Default with
        {
            Packs = new Dictionary<string, bool> { ["efficiency"] = true, ["security"] = true },
        };
        var cpuLimit = PolicyCatalog.Find("container-cpu-limit-missing")!.Descriptor;

        Assert.True(settings.IsEnabled(PolicyCatalog.Find("container-cpu-request-missing")!.Descriptor));
        Assert.True(settings.IsEnabled(PolicyCatalog.Find("container-privileged")!.Descriptor));
        Assert.False(settings.IsEnabled(PolicyCatalog.Find("workload-single-replica")!.Descriptor));
        Assert.False(settings.IsEnabled(cpuLimit));
        Assert.True(settings.WithPolicy(cpuLimit.Id, new PolicyOverride(Enabled: true)).IsEnabled(cpuLimit));
        Assert.False(ClusterPolicySettings.Default.IsEnabled(PolicyCatalog.Find("container-privileged")!.Descriptor));
    }

    [Fact]
    public void IsEnabled_DefaultSettings_EnableOnlyTheImageDefaults()
    {
        var enabled = PolicyCatalog.Descriptors.Where(ClusterPolicySettings.Default.IsEnabled).Select(d => d.Id);

        Assert.Equal(["image-reference-invalid", "image-replica-drift", "image-tag-latest", "image-tag-missing", "image-tag-moved"], enabled);
    }
}
