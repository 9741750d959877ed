namespace KubeAdvisor.Core.Policies;

/// <summary>
/// A cluster-wide list a policy reads from <see cref="ClusterPolicySettings"/>, described once for the Policies page
/// (which edits it), the audit log and docs/policies.md.
/// </summary>
/// <param name="Name">Stable name used by the UI and the audit log, e.g. <c>floatingTags</c>; never renamed.</param>
/// <param name="Label">Label of the list on the Policies page.</param>
/// <param name="Help">What an entry means, with an example.</param>
/// <param name="Get">Reads the list from settings.</param>
/// <param name="With">A copy of the settings with the list replaced.</param>
public sealed record PolicyParameter(
    string Name,
    string Label,
    string Help,
    Func<ClusterPolicySettings, IReadOnlyList<string>> Get,
    Func<ClusterPolicySettings, IReadOnlyList<string>, ClusterPolicySettings> With)
{
    /// <summary>Namespaces no policy checks: a list of the cluster, not of one policy.</summary>
    public static PolicyParameter ExcludedNamespaces { get; } = new(
        "excludedNamespaces",
        "Excluded namespaces",
        "Namespaces no policy checks (counted as skipped).",
        s => s.ExcludedNamespaces,
        (s, v) => s with { ExcludedNamespaces = v });

    /// <summary>
    /// Every list an Admin edits: <see cref="ExcludedNamespaces"/>, then each policy's, in listing order; a list several
    /// policies share (rbacAllowedSubjects) once.
    /// </summary>
    public static IReadOnlyList<PolicyParameter> All { get; } =
        [ExcludedNamespaces, .. PolicyPacks.Listed.SelectMany(d => d.Parameters).Distinct()];

    /// <summary>The list named <paramref name="name"/>, or null.</summary>
    public static PolicyParameter? Find(string name) => All.FirstOrDefault(p => p.Name == name);
}
