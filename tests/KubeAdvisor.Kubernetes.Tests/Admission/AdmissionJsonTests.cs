using System.Text.Json.Nodes;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Admission;

namespace KubeAdvisor.Kubernetes.Tests.Admission;

/// <summary>The configuration the agent pulls: its settings read exactly as the settings document spells them.</summary>
public sealed class AdmissionJsonTests
{
    private static readonly ClusterPolicySettings Settings = ClusterPolicySettings.Default
        .WithPolicy("image-tag-latest", new PolicyOverride(Severity: Severity.Critical, ExemptImages: ["registry.k8s.io/*"]))
        .WithPolicy("pod-host-pid", new PolicyOverride(Enabled: true)) with
    {
        ExemptAnnotations = ExemptAnnotationMode.RequireReason,
        AllowedRegistries = ["ghcr.io/acme"],
        ExcludedNamespaces = ["kube-system"],
    };

    [Fact]
    public void Settings_InTheConfiguration_AreWrittenAsPolicySettingsJsonWritesThem()
    {
        var config = new AdmissionConfig(AdmissionMode.Deny, Severity.Medium, Settings, []);

        var wire = JsonNode.Parse(AdmissionJson.Serialize(config))!;

        Assert.Equal("deny", wire["mode"]!.GetValue<string>());
        Assert.Equal("medium", wire["minSeverity"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(PolicySettingsJson.Serialize(Settings)), wire["settings"]),
            $"{wire["settings"]!.ToJsonString()}\n{PolicySettingsJson.Serialize(Settings)}");
    }

    [Fact]
    public void Read_SettingsLeftOut_TakeTheirDefaults()
    {
        var read = AdmissionJson.Read("{\"mode\":\"deny\",\"minSeverity\":\"high\",\"settings\":{\"allowedRegistries\":[\"ghcr.io/acme\"]}}"u8);
        var empty = AdmissionJson.Read("{\"mode\":\"warn\",\"minSeverity\":\"low\",\"settings\":{},\"exceptions\":[]}"u8);

        Assert.Equal(PolicySettingsJson.Serialize(ClusterPolicySettings.Default with { AllowedRegistries = ["ghcr.io/acme"] }), PolicySettingsJson.Serialize(read.Settings));
        Assert.Equal(PolicySettingsJson.Serialize(ClusterPolicySettings.Default), PolicySettingsJson.Serialize(empty.Settings));
        Assert.Empty(read.Exceptions);
        Assert.Empty(new AdmissionJudge(empty).Config.Exceptions);
    }

    [Fact]
    public void Configuration_RoundTrips_AndTheETagFollowsTheBytes()
    {
        var config = new AdmissionConfig(AdmissionMode.Warn, Severity.High, Settings,
            [new AdmissionException("e1", "shop", null, "api-*", null, "nginx:*", ["image-tag-latest"], DateTimeOffset.UnixEpoch.AddYears(57))]);
        var bytes = AdmissionJson.Serialize(config);

        var read = AdmissionJson.Read(bytes);

        Assert.Equal(AdmissionJson.Serialize(read), bytes);
        Assert.Equal(Settings.SeverityOf(PolicyCatalog.Find("image-tag-latest")!.Descriptor), read.Settings.SeverityOf(PolicyCatalog.Find("image-tag-latest")!.Descriptor));
        Assert.Equal(ExemptAnnotationMode.RequireReason, read.Settings.ExemptAnnotations);
        Assert.Equal("api-*", Assert.Single(read.Exceptions).Name);
        Assert.Equal(AdmissionJson.ETagOf(bytes), AdmissionJson.ETagOf(AdmissionJson.Serialize(read)));
        Assert.NotEqual(AdmissionJson.ETagOf(bytes), AdmissionJson.ETagOf(AdmissionJson.Serialize(read with { Mode = AdmissionMode.Deny })));
    }
}
