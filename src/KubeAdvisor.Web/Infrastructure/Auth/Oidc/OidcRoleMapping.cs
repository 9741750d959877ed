namespace KubeAdvisor.Web.Infrastructure.Auth.Oidc;

/// <summary>
/// The role a provider user gets from their groups, decided afresh at every sign-in: the highest role any of their
/// groups maps to; with no mapped group, Viewer or nothing (refused) as KUBEADVISOR_OIDC_UNMAPPED says.
/// </summary>
public static class OidcRoleMapping
{
    /// <summary>The role, or null when the user is to be refused; <c>Because</c> says which groups (or the unmapped rule) gave it.</summary>
    public sealed record Decision(string? Role, string Because);

    public static Decision Decide(OidcOptions options, IReadOnlyCollection<string> groups)
    {
        var best = options.RoleGroups.Match(groups)
            .Select(m => (Role: Canonical(m.Key), Groups: m.Value))
            .Where(m => m.Role is not null)
            .OrderByDescending(m => Roles.Rank(m.Role))
            .FirstOrDefault();
        if (best.Role is not null)
        {
            return new Decision(best.Role, "groups " + string.Join(", ", best.Groups));
        }

        return options.Unmapped == OidcOptions.UnmappedViewer
            ? new Decision(Roles.Viewer, "no mapped group (KUBEADVISOR_OIDC_UNMAPPED=viewer)")
            : new Decision(null, "no mapped group (KUBEADVISOR_OIDC_UNMAPPED=refuse)");
    }

    /// <summary>The role's canonical spelling (Admin, Engineer, Viewer), case-insensitively; null for anything else.</summary>
    public static string? Canonical(string? role) =>
        Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
}
