using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Tests.Policies;

namespace KubeAdvisor.Core.Tests.Exceptions;

/// <summary>What kubeadvisor.io/exempt does under each per-cluster mode.</summary>
public sealed class ExemptAnnotationModeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static int Findings(ExemptAnnotationMode mode, params (string Key, string Value)[] annotations)
    {
        var workload = TestSnapshots.Workload("web", [TestSnapshots.Container("a", "nginx:latest")],
            annotations: annotations.ToDictionary(a => a.Key, a => a.Value));
        var settings = ClusterPolicySettings.Default with { ExemptAnnotations = mode };
        return PolicyEvaluator.Evaluate(TestSnapshots.Snapshot(workload), settings, DigestHistory.Empty, ExceptionSet.At(Now)).Findings.Count;
    }

    [Fact]
    public void Allow_AnnotationAloneExempts() =>
        Assert.Equal(0, Findings(ExemptAnnotationMode.Allow, (ExemptAnnotation.Key, "true")));

    [Fact]
    public void Ignore_AnnotationDoesNothing() =>
        Assert.Equal(1, Findings(ExemptAnnotationMode.Ignore, (ExemptAnnotation.Key, "true"), (ExemptAnnotation.ReasonKey, "legacy")));

    [Fact]
    public void RequireReason_WithoutReason_DoesNotExempt() =>
        Assert.Equal(1, Findings(ExemptAnnotationMode.RequireReason, (ExemptAnnotation.Key, "true")));

    [Fact]
    public void RequireReason_BlankReason_DoesNotExempt() =>
        Assert.Equal(1, Findings(ExemptAnnotationMode.RequireReason, (ExemptAnnotation.Key, "true"), (ExemptAnnotation.ReasonKey, "  ")));

    [Fact]
    public void RequireReason_WithReason_Exempts() =>
        Assert.Equal(0, Findings(ExemptAnnotationMode.RequireReason, (ExemptAnnotation.Key, "image-tag-latest"), (ExemptAnnotation.ReasonKey, "vendor chart")));

    [Theory]
    [InlineData("2026-12-04", 0)]          // the end of that day: still on
    [InlineData("2026-12-03", 1)]          // ended yesterday
    [InlineData("2026-12-04T11:59:00Z", 1)]
    [InlineData("2026-12-04T13:00:00+01:00", 1)] // 12:00 UTC: ends at now
    [InlineData("2026-12-05T00:00:00+00:00", 0)]
    [InlineData("next week", 1)]
    [InlineData("2026-12-04T13:00:00", 1)] // no offset: not accepted
    public void RequireReason_UntilDecides(string until, int findings) =>
        Assert.Equal(findings, Findings(ExemptAnnotationMode.RequireReason,
            (ExemptAnnotation.Key, "true"), (ExemptAnnotation.ReasonKey, "migration"), (ExemptAnnotation.UntilKey, until)));

    [Fact]
    public void Allow_IgnoresUntil_AsBefore() =>
        Assert.Equal(0, Findings(ExemptAnnotationMode.Allow, (ExemptAnnotation.Key, "true"), (ExemptAnnotation.UntilKey, "2020-01-01")));

    [Theory]
    [InlineData(null, null, "no kubeadvisor.io/exempt-reason")]
    [InlineData("why", "2020-01-01", "expired on 2020-01-02 00:00 UTC")]
    [InlineData("why", "soon", "kubeadvisor.io/exempt-until 'soon' is not a date")]
    [InlineData("why", null, null)]
    public void WhyNot_SaysWhy(string? reason, string? until, string? expected) =>
        Assert.Equal(expected, ExemptAnnotation.WhyNot(reason, until, Now));

    [Fact]
    public void Settings_ModeRoundTripsAsKebabCase()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(ClusterPolicySettings.Default with { ExemptAnnotations = ExemptAnnotationMode.RequireReason });

        Assert.Contains("\"ExemptAnnotations\":\"require-reason\"", json, StringComparison.Ordinal);
        Assert.Equal(ExemptAnnotationMode.RequireReason,
            System.Text.Json.JsonSerializer.Deserialize<ClusterPolicySettings>(json)!.ExemptAnnotations);
    }

    [Fact]
    public void Settings_UnknownModeNumber_IsInvalid()
    {
        var settings = ClusterPolicySettings.Default with { ExemptAnnotations = (ExemptAnnotationMode)7 };

        Assert.Contains(settings.Validate(), e => e.Contains("allow, require-reason, ignore", StringComparison.Ordinal));
    }
}
