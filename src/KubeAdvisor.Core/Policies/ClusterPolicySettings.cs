using KubeAdvisor.Core.Exceptions;

namespace KubeAdvisor.Core.Policies;

/// <summary>
/// Per-cluster policy settings, stored as JSON (System.Text.Json, property names as written here). Members missing
/// from stored JSON keep their defaults, so settings saved by an older version still load.
/// </summary>
public sealed record ClusterPolicySettings
{
    /// <summary>The settings of a new cluster.</summary>
    public static ClusterPolicySettings Default { get; } = new();

    /// <summary>
    /// Settings with the given fields; a null field keeps its default. The JSON contract is source-generated
    /// (<see cref="PolicySettingsJson"/>), and the generator sets every init-only property it does not bind to a
    /// constructor parameter (null for a field the JSON leaves out), so each field is a parameter here.
    /// </summary>
    [System.Text.Json.Serialization.JsonConstructor]
    public ClusterPolicySettings(
        IReadOnlyDictionary<string, PolicyOverride>? policies = null,
        IReadOnlyDictionary<string, bool>? packs = null,
        IReadOnlyList<string>? excludedNamespaces = null,
        ExemptAnnotationMode exemptAnnotations = ExemptAnnotationMode.Allow,
        IReadOnlyList<string>? floatingTags = null,
        IReadOnlyList<string>? allowedRegistries = null,
        IReadOnlyList<string>? digestExemptRegistries = null,
        IReadOnlyList<string>? automountAllowedWorkloads = null,
        IReadOnlyList<string>? resourceRanges = null,
        IReadOnlyList<string>? rbacAllowedSubjects = null)
    {
        Policies = policies ?? Policies;
        Packs = packs ?? Packs;
        ExcludedNamespaces = excludedNamespaces ?? ExcludedNamespaces;
        ExemptAnnotations = exemptAnnotations;
        FloatingTags = floatingTags ?? FloatingTags;
        AllowedRegistries = allowedRegistries ?? AllowedRegistries;
        DigestExemptRegistries = digestExemptRegistries ?? DigestExemptRegistries;
        AutomountAllowedWorkloads = automountAllowedWorkloads ?? AutomountAllowedWorkloads;
        ResourceRanges = resourceRanges ?? ResourceRanges;
        RbacAllowedSubjects = rbacAllowedSubjects ?? RbacAllowedSubjects;
    }

    /// <summary>Per-policy overrides by policy id.</summary>
    public IReadOnlyDictionary<string, PolicyOverride> Policies { get; init; } = new Dictionary<string, PolicyOverride>();

    /// <summary>Per-pack switches (pack name → enabled); a policy override wins over its pack.</summary>
    public IReadOnlyDictionary<string, bool> Packs { get; init; } = new Dictionary<string, bool>();

    /// <summary>Namespaces whose workloads are exempt from every policy (checks counted as skipped).</summary>
    public IReadOnlyList<string> ExcludedNamespaces { get; init; } = ["kube-system", "kube-public", "kube-node-lease"];

    /// <summary>What the <c>kubeadvisor.io/exempt</c> annotation does on this cluster (allow, require-reason, ignore).</summary>
    public ExemptAnnotationMode ExemptAnnotations { get; init; } = ExemptAnnotationMode.Allow;

    /// <summary>Tags that move by design (image-tag-floating), compared case-insensitively.</summary>
    public IReadOnlyList<string> FloatingTags { get; init; } =
        ["stable", "main", "master", "develop", "dev", "edge", "nightly", "snapshot", "canary"];

    /// <summary>
    /// Allowed registry/repository prefixes for image-registry-allowed, fully qualified and matched on path
    /// boundaries against e.g. <c>docker.io/library/nginx</c> (<c>docker.io/library</c>, <c>ghcr.io/acme</c>).
    /// </summary>
    public IReadOnlyList<string> AllowedRegistries { get; init; } = [];

    /// <summary>Registry/repository prefixes exempt from image-digest-required, matched like <see cref="AllowedRegistries"/>.</summary>
    public IReadOnlyList<string> DigestExemptRegistries { get; init; } = [];

    /// <summary>
    /// Workloads allowed to automount a service-account token (pod-service-account-token-automounted): entries
    /// <c>namespace/name</c> naming the top-level workload, with globs ('*' any run of characters, '?' one), e.g.
    /// <c>monitoring/prometheus-*</c> or <c>argocd/*</c>. Matching workloads are exempt from that policy.
    /// </summary>
    public IReadOnlyList<string> AutomountAllowedWorkloads { get; init; } = [];

    /// <summary>
    /// The ranges container-resources-out-of-range checks, as <c>resource=min..max</c> entries (see
    /// <see cref="Efficiency.ResourceRange"/>). The defaults catch unit mistakes: a memory request of 512 (bytes,
    /// not 512Mi) or a CPU limit of 1000 (cores, not 1000m).
    /// </summary>
    public IReadOnlyList<string> ResourceRanges { get; init; } =
        ["cpu-request=1m..64", "cpu-limit=1m..64", "memory-request=4Mi..256Gi", "memory-limit=4Mi..256Gi"];

    /// <summary>
    /// Subjects allowed to hold cluster-admin or pods/exec and pods/attach (the rbac pack's binding policies), as globs over
    /// <c>User:name</c>, <c>Group:name</c> or <c>ServiceAccount:namespace/name</c> ('*' any run of characters, '?' one).
    /// The default trusts the ServiceAccounts of kube-system, where the control plane's add-ons run.
    /// </summary>
    public IReadOnlyList<string> RbacAllowedSubjects { get; init; } = ["ServiceAccount:kube-system/*"];

    /// <summary>
    /// Enabled: the policy's override, else its pack's switch (a pack switched on enables the policies marked
    /// <see cref="PolicyDescriptor.EnabledWithPack"/>), else its default.
    /// </summary>
    public bool IsEnabled(PolicyDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (Policies.TryGetValue(descriptor.Id, out var policy) && policy.Enabled is { } enabled)
        {
            return enabled;
        }

        return Packs.TryGetValue(descriptor.Pack, out var pack) ? pack && descriptor.EnabledWithPack : descriptor.DefaultEnabled;
    }

    /// <summary>The override severity, else the default one.</summary>
    public Severity SeverityOf(PolicyDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return Policies.TryGetValue(descriptor.Id, out var policy) && policy.Severity is { } severity
            ? severity
            : descriptor.DefaultSeverity;
    }

    /// <summary>Image glob patterns exempt from a policy (empty when none).</summary>
    public IReadOnlyList<string> ExemptImagesOf(string policyId) =>
        Policies.TryGetValue(policyId, out var policy) && policy.ExemptImages is { } globs ? globs : [];

    /// <summary>A copy with one policy's override replaced (convenience for the UI and tests).</summary>
    public ClusterPolicySettings WithPolicy(string policyId, PolicyOverride value)
    {
        var policies = new Dictionary<string, PolicyOverride>(Policies, StringComparer.Ordinal) { [policyId] = value };
        return this with { Policies = policies };
    }

    /// <summary>Human-readable problems (unknown ids, invalid tags, empty prefixes, …); empty when the settings are usable.</summary>
    public IReadOnlyList<string> Validate() => ClusterPolicySettingsValidator.Validate(this);
}
