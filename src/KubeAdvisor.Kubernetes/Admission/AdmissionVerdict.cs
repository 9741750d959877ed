namespace KubeAdvisor.Kubernetes.Admission;

/// <summary>What the webhook answers to one review, and what it counts.</summary>
/// <param name="Judged">False when the request was not judged (mode off, excluded namespace, another kind, an object judged at its controller).</param>
/// <param name="Allowed">False only in deny mode with a failure at or above the minimum severity.</param>
/// <param name="Warnings">AdmissionReview warnings (each short enough for the API server).</param>
/// <param name="Message">The refusal's status message: policy ids, what failed and the fix; null when allowed.</param>
/// <param name="WarnedPolicies">Policies that failed as warnings (distinct).</param>
/// <param name="DeniedPolicies">Policies that refused the request (distinct).</param>
/// <param name="Namespace">The reviewed object's namespace.</param>
/// <param name="Reason">Why it was not judged, for the log; empty when judged.</param>
public sealed record AdmissionVerdict(
    bool Judged,
    bool Allowed,
    IReadOnlyList<string> Warnings,
    string? Message,
    IReadOnlyList<string> WarnedPolicies,
    IReadOnlyList<string> DeniedPolicies,
    string Namespace,
    string Reason)
{
    /// <summary>Allowed without judging, for <paramref name="reason"/>.</summary>
    public static AdmissionVerdict Skipped(string ns, string reason) => new(false, true, [], null, [], [], ns, reason);
}
