namespace KubeAdvisor.Core.Policies;

/// <summary>
/// Everything about a policy, in the policy's own file: the UI, the fix snippet, the docs (docs/policies.md is
/// generated from it by <see cref="PolicyDocs"/>) and the CLI read it from here, never from a list of their own.
/// </summary>
/// <param name="Id">Stable kebab-case id, e.g. <c>image-tag-latest</c>; stored in the database, never renamed.</param>
/// <param name="Title">Short title.</param>
/// <param name="Description">What the policy checks, precisely: which objects it judges, when it does not apply.</param>
/// <param name="Rationale">Why it matters.</param>
/// <param name="Remediation">How to fix a failure; stored with each finding.</param>
/// <param name="Category">Category for grouping in the UI (e.g. <c>Images</c>).</param>
/// <param name="DefaultSeverity">Severity unless a cluster overrides it.</param>
/// <param name="DefaultEnabled">Enabled unless a cluster overrides it.</param>
/// <param name="Pack">Pack the policy belongs to (see <see cref="PolicyPacks"/>).</param>
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

    /// <summary>
    /// Trait: pinning the container's image by digest fixes a failure, so a finding offers the pin to the digest
    /// that ran (from the digest history).
    /// </summary>
    public bool FixedByDigestPin { get; init; }

    /// <summary>
    /// The optional kinds (resources as RBAC spells them, e.g. <c>poddisruptionbudgets.policy</c>) this policy needs
    /// listed to judge a workload correctly, beyond namespaces and pods, without which no scan succeeds. When a scan
    /// could not list one of them the policy is not evaluated in that scan: neither passed nor failed (decision 0018).
    /// </summary>
    public IReadOnlyList<string> RequiredKinds { get; init; } = [];

    /// <summary>The cluster-wide lists this policy reads (edited on the Policies page); empty when it reads none.</summary>
    public IReadOnlyList<PolicyParameter> Parameters { get; init; } = [];

    /// <summary>
    /// YAML lines of the fixed object, placed by the fix snippet at the path of the failing part (for a container
    /// policy: the container's entry). Placeholders the snippet fills in: <c>{image}</c> (as written),
    /// <c>{repo}</c> (registry/repository), <c>{repository}</c> (without registry), <c>{tag}</c> (the tag, or
    /// <c>&lt;version&gt;</c> for none or latest), <c>{error}</c> (why the reference is invalid). Null: the snippet's
    /// generic lines. A template that sets <c>imagePullPolicy:</c> replaces the container's own.
    /// </summary>
    public string? FixTemplate { get; init; }

    /// <summary>A failure message as the policy writes it, for the docs; null when the title says enough.</summary>
    public string? ExampleFailure { get; init; }

    /// <summary>
    /// The Polaris checks (by their Polaris id, e.g. <c>hostIPCSet</c>) this policy is the equivalent of; empty when
    /// Polaris has none. Every id must be one of <see cref="PolarisChecks.All"/>.
    /// </summary>
    public IReadOnlyList<string> Polaris { get; init; } = [];

    /// <summary>Where this policy judges differently from its Polaris equivalent on purpose, and why; null when it does not.</summary>
    public string? PolarisDifference { get; init; }

    /// <summary>
    /// The compliance controls a pass of this policy evidences, by key (<c>pss-restricted:seccomp</c>,
    /// <c>cis-1.9:5.2.2</c>, <c>nsa-cisa:non-root</c>; see <see cref="Compliance.ComplianceFrameworks"/>).
    /// </summary>
    public IReadOnlyList<string> Controls { get; init; } = [];
}
