namespace KubeAdvisor.Core.Inventory;

/// <summary>One rule of a Role or ClusterRole, as far as policies read it (resourceNames and nonResourceURLs are not kept).</summary>
/// <param name="ApiGroups">apiGroups ("" is the core group, "*" every group).</param>
/// <param name="Resources">resources, subresources as <c>pods/exec</c> ("*" every resource, <c>*/exec</c> that subresource of any).</param>
/// <param name="Verbs">verbs ("*" every verb).</param>
public sealed record RbacRule(IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources, IReadOnlyList<string> Verbs)
{
    /// <summary>
    /// Whether the rule grants <paramref name="verb"/> on <paramref name="resource"/> (optionally <c>resource/subresource</c>)
    /// of the core API group, as the RBAC authorizer matches: "*" in any field, and <c>*/sub</c> for a subresource.
    /// </summary>
    public bool GrantsCore(string resource, string verb) =>
        Matches(ApiGroups, "") && MatchesResource(resource) && Matches(Verbs, verb);

    /// <summary>Whether any of apiGroups, resources or verbs is a wildcard ("*").</summary>
    public bool HasWildcard => ApiGroups.Contains("*") || Resources.Contains("*") || Verbs.Contains("*");

    private bool MatchesResource(string requested)
    {
        var slash = requested.IndexOf('/', StringComparison.Ordinal);
        foreach (var r in Resources)
        {
            if (r == "*" || r == requested || (slash > 0 && r.Length > 2 && r.StartsWith("*/", StringComparison.Ordinal)
                && r.AsSpan(1).SequenceEqual(requested.AsSpan(slash))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(IReadOnlyList<string> values, string wanted)
    {
        foreach (var v in values)
        {
            if (v == "*" || v == wanted)
            {
                return true;
            }
        }

        return false;
    }
}
