using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies;

public sealed class PolicySettingsDiffTests
{
    [Fact]
    public void SameSettings_NoChanges()
    {
        Assert.Empty(PolicySettingsDiff.Describe(ClusterPolicySettings.Default, ClusterPolicySettings.Default with { }));
    }

    [Fact]
    public void EachChangedField_OneLine_ListsAsSets()
    {
        var before = ClusterPolicySettings.Default.WithPolicy("image-tag-latest", new PolicyOverride(Enabled: false));
        var after = ClusterPolicySettings.Default.WithPolicy("image-tag-latest", new PolicyOverride(Enabled: true, Severity: Severity.Critical))
            .WithPolicy("image-registry-allowed", new PolicyOverride(ExemptImages: ["ghcr.io/acme/*"]))
            with
            {
                Packs = new Dictionary<string, bool> { ["security"] = true },
                FloatingTags = [.. ClusterPolicySettings.Default.FloatingTags.Where(t => t != "nightly"), "release"],
            };

        var lines = PolicySettingsDiff.Describe(before, after);

        Assert.Equal(["policies.image-tag-latest.enabled: false -> true", "policies.image-tag-latest.severity: unset -> critical"], lines.Take(2));
        Assert.Contains("policies.image-registry-allowed.exemptImages: +ghcr.io/acme/*", lines);
        Assert.Contains("packs.security: unset -> true", lines);
        Assert.Contains("floatingTags: +release -nightly", lines);
        Assert.Equal(5, lines.Count);
    }
}
