using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Policies;

/// <summary>The cluster-wide parameter lists an Admin edits, by the names used in the UI and the audit log.</summary>
public static class PolicyLists
{
    public const string FloatingTags = "floatingTags";
    public const string AllowedRegistries = "allowedRegistries";
    public const string DigestExemptRegistries = "digestExemptRegistries";
    public const string ExcludedNamespaces = "excludedNamespaces";
    public const string AutomountAllowedWorkloads = "automountAllowedWorkloads";

    public static IReadOnlyList<(string Name, string Label, string Help)> All { get; } =
    [
        (FloatingTags, "Floating tags", "Tags that move by design (image-tag-floating), e.g. stable, main."),
        (AllowedRegistries, "Allowed registries", "Registry/repository prefixes for image-registry-allowed, e.g. ghcr.io/acme."),
        (DigestExemptRegistries, "Digest-exempt registries", "Prefixes exempt from image-digest-required."),
        (ExcludedNamespaces, "Excluded namespaces", "Namespaces no policy checks (counted as skipped)."),
        (AutomountAllowedWorkloads, "Workloads allowed a service-account token", "namespace/name globs exempt from pod-service-account-token-automounted, e.g. monitoring/prometheus-*."),
    ];

    public static IReadOnlyList<string> Get(ClusterPolicySettings s, string list) => list switch
    {
        FloatingTags => s.FloatingTags,
        AllowedRegistries => s.AllowedRegistries,
        DigestExemptRegistries => s.DigestExemptRegistries,
        ExcludedNamespaces => s.ExcludedNamespaces,
        AutomountAllowedWorkloads => s.AutomountAllowedWorkloads,
        _ => throw new ArgumentException($"Unknown list '{list}'."),
    };

    public static ClusterPolicySettings With(ClusterPolicySettings s, string list, IReadOnlyList<string> values) => list switch
    {
        FloatingTags => s with { FloatingTags = values },
        AllowedRegistries => s with { AllowedRegistries = values },
        DigestExemptRegistries => s with { DigestExemptRegistries = values },
        ExcludedNamespaces => s with { ExcludedNamespaces = values },
        AutomountAllowedWorkloads => s with { AutomountAllowedWorkloads = values },
        _ => throw new ArgumentException($"Unknown list '{list}'."),
    };
}
