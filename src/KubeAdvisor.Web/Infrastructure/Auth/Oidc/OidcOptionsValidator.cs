using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Infrastructure.Auth.Oidc;

/// <summary>Checks the single sign-on settings on start; each problem names the variable and what to set.</summary>
public sealed class OidcOptionsValidator : IValidateOptions<OidcOptions>
{
    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        var errors = Problems(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem of the settings (empty when they are usable).</summary>
    public static IEnumerable<string> Problems(OidcOptions o)
    {
        if (!o.Enabled)
        {
            if (!string.IsNullOrWhiteSpace(o.ClientId) || !string.IsNullOrWhiteSpace(o.RoleMap) || !string.IsNullOrWhiteSpace(o.TeamMap))
            {
                yield return "KUBEADVISOR_OIDC_CLIENT_ID, _ROLE_MAP or _TEAM_MAP is set but KUBEADVISOR_OIDC_AUTHORITY is not: set the provider's issuer URL, or remove them.";
            }

            if (!o.LocalSignIn)
            {
                yield return "KUBEADVISOR_LOCAL_SIGNIN=false needs single sign-on: set KUBEADVISOR_OIDC_AUTHORITY, _CLIENT_ID, _CLIENT_SECRET and a KUBEADVISOR_OIDC_ROLE_MAP with an Admin group.";
            }

            yield break;
        }

        if (!Uri.TryCreate(o.Authority, UriKind.Absolute, out var authority) || authority.Query.Length > 0 || authority.Fragment.Length > 0
            || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"KUBEADVISOR_OIDC_AUTHORITY \"{o.Authority}\" is not a URL like https://login.example.com/realms/main (the issuer, without query).";
        }
        else if (authority.Scheme != Uri.UriSchemeHttps && !o.AllowHttp)
        {
            yield return "KUBEADVISOR_OIDC_AUTHORITY must be https:// (tokens and the client secret cross it). KUBEADVISOR_OIDC_ALLOW_HTTP=true accepts http:// for tests and a provider on the same machine only.";
        }

        if (string.IsNullOrWhiteSpace(o.ClientId))
        {
            yield return "KUBEADVISOR_OIDC_CLIENT_ID is not set: the client id registered at the provider.";
        }

        if (string.IsNullOrWhiteSpace(o.ClientSecret))
        {
            yield return "KUBEADVISOR_OIDC_CLIENT_SECRET is not set: KubeAdvisor is a confidential client (code flow with PKCE and a secret).";
        }

        if (!o.ScopeList.Contains("openid", StringComparer.Ordinal))
        {
            yield return $"KUBEADVISOR_OIDC_SCOPES \"{o.Scopes}\" must include openid (e.g. \"openid profile email\").";
        }

        if (string.IsNullOrWhiteSpace(o.GroupsClaim))
        {
            yield return "KUBEADVISOR_OIDC_GROUPS_CLAIM is empty: name the ID token claim that lists the groups (e.g. groups).";
        }

        if (o.Unmapped is not (OidcOptions.UnmappedRefuse or OidcOptions.UnmappedViewer))
        {
            yield return $"KUBEADVISOR_OIDC_UNMAPPED is \"{o.Unmapped}\": it must be refuse (the default) or viewer.";
        }

        foreach (var problem in MapProblems(o))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> MapProblems(OidcOptions o)
    {
        var roles = o.RoleGroups;
        foreach (var bad in roles.Errors)
        {
            yield return $"KUBEADVISOR_OIDC_ROLE_MAP has \"{bad}\": write group=Role, e.g. platform-admins=Admin,devs=Engineer.";
        }

        foreach (var (group, role) in roles.Entries.Where(e => OidcRoleMapping.Canonical(e.Value) is null))
        {
            yield return $"KUBEADVISOR_OIDC_ROLE_MAP maps \"{group}\" to \"{role}\": the roles are Admin, Engineer and Viewer.";
        }

        foreach (var group in roles.Entries.GroupBy(e => e.Group, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"KUBEADVISOR_OIDC_ROLE_MAP names the group \"{group}\" more than once: give each group one role.";
        }

        foreach (var bad in o.TeamGroups.Errors)
        {
            yield return $"KUBEADVISOR_OIDC_TEAM_MAP has \"{bad}\": write group=team, e.g. devs=payments.";
        }

        if (!o.LocalSignIn && !roles.Entries.Any(e => OidcRoleMapping.Canonical(e.Value) == Roles.Admin))
        {
            yield return "KUBEADVISOR_LOCAL_SIGNIN=false but KUBEADVISOR_OIDC_ROLE_MAP maps no group to Admin: nobody could administer KubeAdvisor.";
        }
    }
}
