using System.Text;
using KubeAdvisor.Agent.Admission;
using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Admission;
using KubeAdvisor.Testing.Admission;

namespace KubeAdvisor.Agent.Tests.Admission;

/// <summary>
/// The webhook's evaluation plan is made once per pulled configuration (one judge per version), never per review: a new
/// configuration must replace it, so a policy switched off, a severity changed or a mode changed applies at the next review.
/// </summary>
public sealed class AdmissionStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Replace_ChangedSettings_TheNextReviewUsesTheNewPlan()
    {
        var state = new AdmissionState();
        var latest = AdmissionReviews.Review(AdmissionReviews.Deployment("shop", "api", "nginx:latest"));
        state.Replace(new AdmissionConfig(AdmissionMode.Deny, Severity.High, ClusterPolicySettings.Default, []), "\"v1\"", Now);
        var first = state.Judge;

        Assert.False(Judge(state, latest).Allowed);
        Assert.False(Judge(state, latest).Allowed); // the same plan, reused
        Assert.Same(first, state.Judge);

        var off = ClusterPolicySettings.Default.WithPolicy("image-tag-latest", new PolicyOverride(Enabled: false));
        state.Replace(new AdmissionConfig(AdmissionMode.Deny, Severity.High, off, []), "\"v2\"", Now);

        Assert.NotSame(first, state.Judge);
        Assert.DoesNotContain("image-tag-latest", state.Judge.PlannedPolicies);
        Assert.True(Judge(state, latest).Allowed);

        var medium = ClusterPolicySettings.Default.WithPolicy("image-tag-latest", new PolicyOverride(Severity: Severity.Medium));
        state.Replace(new AdmissionConfig(AdmissionMode.Deny, Severity.High, medium, []), "\"v3\"", Now);
        var warned = Judge(state, latest);

        Assert.True(warned.Allowed);
        Assert.Equal(["image-tag-latest"], warned.WarnedPolicies);
    }

    [Fact]
    public void Unchanged_KeepsThePlan()
    {
        var state = new AdmissionState();
        state.Replace(new AdmissionConfig(AdmissionMode.Warn, Severity.High, ClusterPolicySettings.Default, []), "\"v1\"", Now);
        var judge = state.Judge;

        state.Unchanged(Now.AddMinutes(1));

        Assert.Same(judge, state.Judge);
        Assert.Equal(["image-reference-invalid", "image-tag-latest", "image-tag-missing"], judge.PlannedPolicies);
    }

    private static AdmissionVerdict Judge(AdmissionState state, string review)
    {
        using var request = AdmissionReviewRequest.Parse(Encoding.UTF8.GetBytes(review));
        return state.Judge.Judge(request, Now);
    }
}
