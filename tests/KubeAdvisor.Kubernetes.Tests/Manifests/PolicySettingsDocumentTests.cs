using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Manifests;

namespace KubeAdvisor.Kubernetes.Tests.Manifests;

/// <summary>The settings file of docs/gitops.md: round trips in YAML and JSON, defaults for missing fields, and errors naming the field.</summary>
public sealed class PolicySettingsDocumentTests
{
    private static readonly ClusterPolicySettings Custom = ClusterPolicySettings.Default
        .WithPolicy("image-tag-latest", new PolicyOverride(Enabled: false))
        .WithPolicy("image-registry-allowed", new PolicyOverride(Enabled: true, Severity: Severity.Critical, ExemptImages: ["registry.k8s.io/pause*"]))
        with
        {
            Packs = new Dictionary<string, bool> { ["security"] = true },
            ExcludedNamespaces = ["kube-system", "null", "true"],
            ExemptAnnotations = ExemptAnnotationMode.RequireReason,
            AllowedRegistries = ["ghcr.io/acme", "docker.io/library"],
        };

    [Fact]
    public void Yaml_RoundTripsEverySetting_AndQuotesNamesAReaderWouldType()
    {
        var yaml = new PolicySettingsDocument(Custom, "prod-eu").ToYaml();

        var read = PolicySettingsDocument.Parse(yaml);

        Assert.Empty(read.Errors);
        Assert.Equal("prod-eu", read.Document!.Cluster);
        Assert.Equal(PolicySettingsJson.Serialize(Custom), PolicySettingsJson.Serialize(read.Document.Settings));
        Assert.Contains("apiVersion: kubeadvisor.io/v1", yaml, StringComparison.Ordinal);
        Assert.Contains("- \"null\"", yaml, StringComparison.Ordinal); // a namespace named null stays a name
        Assert.Contains("exemptAnnotations: require-reason", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_RoundTrips_ThroughTheSameReader()
    {
        var json = new PolicySettingsDocument(Custom).ToJsonText();

        var read = PolicySettingsDocument.Parse(json);

        Assert.Empty(read.Errors);
        Assert.Null(read.Document!.Cluster);
        Assert.Equal(PolicySettingsJson.Serialize(Custom), PolicySettingsJson.Serialize(read.Document.Settings));
    }

    [Fact]
    public void MissingFields_TakeTheirDefaults()
    {
        var read = PolicySettingsDocument.Parse("""
            apiVersion: kubeadvisor.io/v1
            kind: PolicySettings
            packs:
              reliability: true
            """);

        var settings = read.Document!.Settings;
        Assert.True(settings.Packs["reliability"]);
        Assert.Equal(ClusterPolicySettings.Default.ExcludedNamespaces, settings.ExcludedNamespaces);
        Assert.Equal(ClusterPolicySettings.Default.FloatingTags, settings.FloatingTags);
        Assert.Empty(settings.Policies);
    }

    [Theory]
    [InlineData("apiVersion: kubeadvisor.io/v2\nkind: PolicySettings\n", "apiVersion: must be kubeadvisor.io/v1.")]
    [InlineData("kind: ExceptionList\n", "kind: must be PolicySettings.")]
    [InlineData("floatingTag: [stable]\n", "floatingTag: unknown field.")]
    [InlineData("policies:\n  image-tag-latest:\n    enable: false\n", "policies.image-tag-latest.enable: unknown field.")]
    [InlineData("packs:\n  security: maybe\n", "packs.security: must be true or false.")]
    [InlineData("policies:\n  image-tag-latest:\n    severity: urgent\n", "policies.image-tag-latest.severity: must be one of")]
    [InlineData("exemptAnnotations: sometimes\n", "exemptAnnotations: must be allow, require-reason or ignore.")]
    [InlineData("floatingTags:\n", "floatingTags: must not be empty")]
    [InlineData("floatingTags: stable\n", "floatingTags: must be a list.")]
    [InlineData("policies:\n  no-such-policy:\n    enabled: true\n", "no-such-policy")]
    [InlineData("- a\n- b\n", "must be a mapping")]
    [InlineData("packs: {security: true}\npacks: {security: false}\n", "appears twice")]
    [InlineData("base: &b {security: true}\npacks: *b\n", "anchors and aliases are not allowed")]
    [InlineData("packs: {security: true}\n---\npacks: {}\n", "more than 1 YAML document")]
    [InlineData("packs: [\n", "not valid YAML")]
    public void Refusals_NameTheField(string text, string expected)
    {
        var read = PolicySettingsDocument.Parse(text);

        Assert.Null(read.Document);
        Assert.Contains(read.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void DeepOrLargeInput_IsRefusedBeforeItIsParsed()
    {
        var deep = "packs: " + new string('[', 10_000) + new string(']', 10_000) + "\n";
        var large = "excludedNamespaces:\n" + string.Concat(Enumerable.Repeat("  - a-namespace-name-that-is-long\n", 10_000));

        Assert.Contains("nests deeper than", Assert.Single(PolicySettingsDocument.Parse(deep).Errors), StringComparison.Ordinal);
        Assert.Contains("at most 256 KiB", Assert.Single(PolicySettingsDocument.Parse(large).Errors), StringComparison.Ordinal);
    }
}
