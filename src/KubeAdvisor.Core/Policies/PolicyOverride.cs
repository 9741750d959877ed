namespace KubeAdvisor.Core.Policies;

/// <summary>A cluster's override of one policy; null members keep the policy's defaults.</summary>
/// <param name="Enabled">Enable or disable; null = pack setting, else the policy default.</param>
/// <param name="Severity">Severity override; null = default severity.</param>
/// <param name="ExemptImages">
/// Glob patterns ('*' any run of characters including '/', '?' one character) matched against the image as written
/// and its normalized form, e.g. <c>registry.k8s.io/pause*</c>. Matching containers are exempt from this policy.
/// </param>
public sealed record PolicyOverride(
    bool? Enabled = null,
    Severity? Severity = null,
    IReadOnlyList<string>? ExemptImages = null);
