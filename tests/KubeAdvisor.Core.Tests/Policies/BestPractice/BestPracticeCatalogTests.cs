using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies.BestPractice;

public sealed class BestPracticeCatalogTests
{
    [Fact]
    public void All_BestPracticePolicies_AreOffByDefault()
    {
        var bestPractice = PolicyCatalog.All.Where(p => p.Descriptor.Pack != "image").ToArray();

        Assert.NotEmpty(bestPractice);
        Assert.All(bestPractice, p => Assert.False(p.Descriptor.DefaultEnabled));
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
