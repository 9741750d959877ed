namespace KubeAdvisor.Core.Policies;

/// <summary>What a policy is: stable id (stored in the database, never renamed) and the texts shown to admins.</summary>
/// <param name="Id">Stable kebab-case id, e.g. <c>image-tag-latest</c>.</param>
/// <param name="Title">Short title.</param>
/// <param name="Description">What the policy checks, precisely.</param>
/// <param name="Rationale">Why it matters.</param>
/// <param name="Remediation">How to fix a failure.</param>
/// <param name="Category">Category for grouping in the UI (e.g. <c>Images</c>).</param>
/// <param name="DefaultSeverity">Severity unless a cluster overrides it.</param>
/// <param name="DefaultEnabled">Enabled unless a cluster overrides it.</param>
/// <param name="Pack">Pack the policy belongs to (<c>image</c>, later <c>security</c>, <c>reliability</c>, <c>efficiency</c>).</param>
public sealed record PolicyDescriptor(
    string Id,
    string Title,
    string Description,
    string Rationale,
    string Remediation,
    string Category,
    Severity DefaultSeverity,
    bool DefaultEnabled,
    string Pack)
{
    /// <summary>
    /// Whether switching the pack on enables this policy (default true). False for policies that stay opt-in even
    /// inside an enabled pack (e.g. <c>container-cpu-limit-missing</c>); a per-policy override still enables them.
    /// </summary>
    public bool EnabledWithPack { get; init; } = true;
}
