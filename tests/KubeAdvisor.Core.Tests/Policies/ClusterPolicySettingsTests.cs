using System.Text.Json;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Tests.Policies;

public sealed class ClusterPolicySettingsTests
{
    private static PolicyDescriptor Descriptor(string id) => PolicyCatalog.Find(id)!.Descriptor;

    [Fact]
    public void Default_ExcludedNamespacesAndFloatingTags_MatchTheIssue()
    {
        var settings = ClusterPolicySettings.Default;

        Assert.Equal(["kube-system", "kube-public", "kube-node-lease"], settings.ExcludedNamespaces);
        Assert.Equal(["stable", "main", "master", "develop", "dev", "edge", "nightly", "snapshot", "canary"], settings.FloatingTags);
        Assert.Empty(settings.Validate());
    }

    [Fact]
    public void IsEnabled_PolicyOverrideBeatsPackBeatsDefault()
    {
        var floating = Descriptor("image-tag-floating");
        var latest = Descriptor("image-tag-latest");
        var packOn = ClusterPolicySettings.Default with { Packs = new Dictionary<string, bool> { ["image"] = false } };

        Assert.False(ClusterPolicySettings.Default.IsEnabled(floating));
        Assert.True(ClusterPolicySettings.Default.IsEnabled(latest));
        Assert.False(packOn.IsEnabled(latest));
        Assert.True(packOn.WithPolicy("image-tag-latest", new PolicyOverride(Enabled: true)).IsEnabled(latest));
    }

    [Fact]
    public void SeverityOf_Override_ReplacesDefault()
    {
        var settings = ClusterPolicySettings.Default.WithPolicy("image-tag-missing", new PolicyOverride(Severity: Severity.Low));

        Assert.Equal(Severity.Low, settings.SeverityOf(Descriptor("image-tag-missing")));
        Assert.Equal(Severity.High, settings.SeverityOf(Descriptor("image-tag-latest")));
    }

    [Fact]
    public void Json_RoundTrip_KeepsEveryMember()
    {
        var settings = ClusterPolicySettings.Default.WithPolicy("image-tag-missing", new PolicyOverride(true, Severity.Critical, ["registry.k8s.io/pause*"])) with
        {
            AllowedRegistries = ["ghcr.io/acme"],
            DigestExemptRegistries = ["registry.k8s.io"],
            Packs = new Dictionary<string, bool> { ["image"] = true },
        };

        var json = JsonSerializer.Serialize(settings);
        var back = JsonSerializer.Deserialize<ClusterPolicySettings>(json)!;

        Assert.Contains("\"Critical\"", json, StringComparison.Ordinal);
        Assert.Equal(settings.AllowedRegistries, back.AllowedRegistries);
        Assert.Equal(settings.DigestExemptRegistries, back.DigestExemptRegistries);
        Assert.Equal(settings.ExcludedNamespaces, back.ExcludedNamespaces);
        Assert.Equal(settings.FloatingTags, back.FloatingTags);
        Assert.True(back.Packs["image"]);
        var policy = back.Policies["image-tag-missing"];
        Assert.Equal((true, Severity.Critical), (policy.Enabled, policy.Severity));
        Assert.Equal(["registry.k8s.io/pause*"], policy.ExemptImages!);
    }

    [Fact]
    public void Json_MissingMembers_KeepDefaults()
    {
        var back = JsonSerializer.Deserialize<ClusterPolicySettings>("""{"AllowedRegistries":["docker.io/library"]}""")!;

        Assert.Equal(ClusterPolicySettings.Default.ExcludedNamespaces, back.ExcludedNamespaces);
        Assert.Equal(ClusterPolicySettings.Default.FloatingTags, back.FloatingTags);
        Assert.Equal(["docker.io/library"], back.AllowedRegistries);
    }

    [Theory]
    [InlineData("floating", "bad tag!", "Floating tag 'bad tag!' is not a valid tag")]
    [InlineData("floating", "", "Floating tag '' is not a valid tag")]
    [InlineData("allowed", "", "Allowed registry prefix must not be empty")]
    [InlineData("allowed", "nginx", "must start with a registry host")]
    [InlineData("allowed", "https://ghcr.io/acme", "without scheme")]
    [InlineData("allowed", "ghcr.io/Acme", "must be lowercase")]
    [InlineData("exempt", " ", "Digest-exempt registry prefix must not be empty")]
    [InlineData("namespace", "Kube_System", "is not a valid namespace name")]
    public void Validate_BadParameter_ReportsIt(string field, string value, string expected)
    {
        var settings = field switch
        {
            "floating" => ClusterPolicySettings.Default with { FloatingTags = [value] },
            "allowed" => ClusterPolicySettings.Default with { AllowedRegistries = [value] },
            "exempt" => ClusterPolicySettings.Default with { DigestExemptRegistries = [value] },
            _ => ClusterPolicySettings.Default with { ExcludedNamespaces = [value] },
        };

        Assert.Contains(settings.Validate(), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnknownPolicyPackAndBadGlob_AreReported()
    {
        var settings = ClusterPolicySettings.Default
            .WithPolicy("no-such-policy", new PolicyOverride(Enabled: true))
            .WithPolicy("image-tag-missing", new PolicyOverride(ExemptImages: [""])) with
        { Packs = new Dictionary<string, bool> { ["nope"] = true } };

        var errors = settings.Validate();

        Assert.Contains("Unknown policy id 'no-such-policy'.", errors);
        Assert.Contains("Unknown policy pack 'nope'.", errors);
        Assert.Contains(errors, e => e.StartsWith("Policy 'image-tag-missing': image exemption", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RegistryAllowedEnabledWithEmptyList_IsReported()
    {
        var settings = ClusterPolicySettings.Default.WithPolicy("image-registry-allowed", new PolicyOverride(Enabled: true));

        Assert.Contains(settings.Validate(), e => e.Contains("no registry is allowed", StringComparison.Ordinal));
        Assert.Empty((settings with { AllowedRegistries = ["docker.io/library", "registry.internal:5000/", "[::1]:5000"] }).Validate());
    }

    [Theory]
    [InlineData("docker.io/library/nginx", "docker.io/library", true)]
    [InlineData("docker.io/library-evil/x", "docker.io/library", false)]
    [InlineData("docker.io/library", "docker.io/library", true)]
    [InlineData("registry.internal:5000/api", "registry.internal", false)]
    [InlineData("Ghcr.io/acme/x", "ghcr.io/acme", true)]
    public void IsUnderPrefix_PathBoundary_IsRespected(string repository, string prefix, bool expected)
    {
        Assert.Equal(expected, PolicyParameters.IsUnderPrefix(repository, prefix));
    }

    [Fact]
    public void From_PrefixesWithTrailingSlashOrIndexHost_AreNormalized()
    {
        var parameters = PolicyParameters.From(ClusterPolicySettings.Default with { AllowedRegistries = ["ghcr.io/acme/", "index.docker.io/library"] });

        Assert.Equal(["ghcr.io/acme", "docker.io/library"], parameters.AllowedRegistries);
    }
}
