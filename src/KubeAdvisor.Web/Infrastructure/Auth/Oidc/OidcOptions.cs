using Microsoft.Extensions.Configuration;

namespace KubeAdvisor.Web.Infrastructure.Auth.Oidc;

/// <summary>
/// Single sign-on with an OpenID Connect provider, from KUBEADVISOR_OIDC_* and KUBEADVISOR_LOCAL_SIGNIN (documented in
/// .env.example; validated on start by <see cref="OidcOptionsValidator"/>). Set by whoever runs KubeAdvisor, never by
/// users. See docs/decisions/0032-oidc-single-sign-on.md.
/// </summary>
public sealed class OidcOptions
{
    /// <summary>The provider's issuer URL, e.g. https://keycloak.example.com/realms/main (KUBEADVISOR_OIDC_AUTHORITY; empty = no single sign-on).</summary>
    [ConfigurationKeyName("OIDC_AUTHORITY")]
    public string? Authority { get; set; }

    /// <summary>The client id registered at the provider (KUBEADVISOR_OIDC_CLIENT_ID).</summary>
    [ConfigurationKeyName("OIDC_CLIENT_ID")]
    public string? ClientId { get; set; }

    /// <summary>The client secret (KUBEADVISOR_OIDC_CLIENT_SECRET). Never logged.</summary>
    [ConfigurationKeyName("OIDC_CLIENT_SECRET")]
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for, space-separated; must include openid (KUBEADVISOR_OIDC_SCOPES, default <c>openid profile email</c>).</summary>
    [ConfigurationKeyName("OIDC_SCOPES")]
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>The ID token claim that lists the user's groups (KUBEADVISOR_OIDC_GROUPS_CLAIM, default <c>groups</c>).</summary>
    [ConfigurationKeyName("OIDC_GROUPS_CLAIM")]
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The provider's name on the sign-in button (KUBEADVISOR_OIDC_DISPLAY_NAME, default <c>SSO</c>).</summary>
    [ConfigurationKeyName("OIDC_DISPLAY_NAME")]
    public string DisplayName { get; set; } = "SSO";

    /// <summary>Group to role, comma-separated <c>group=Role</c> (KUBEADVISOR_OIDC_ROLE_MAP, e.g. <c>platform-admins=Admin,devs=Engineer</c>).</summary>
    [ConfigurationKeyName("OIDC_ROLE_MAP")]
    public string? RoleMap { get; set; }

    /// <summary>Group to team name, comma-separated <c>group=team</c> (KUBEADVISOR_OIDC_TEAM_MAP, e.g. <c>devs=payments</c>).</summary>
    [ConfigurationKeyName("OIDC_TEAM_MAP")]
    public string? TeamMap { get; set; }

    /// <summary>A user in no mapped group: <c>refuse</c> (the default) or <c>viewer</c> (KUBEADVISOR_OIDC_UNMAPPED).</summary>
    [ConfigurationKeyName("OIDC_UNMAPPED")]
    public string Unmapped { get; set; } = UnmappedRefuse;

    /// <summary>
    /// Accept an http:// authority (KUBEADVISOR_OIDC_ALLOW_HTTP, default false): for tests and a provider on the same
    /// machine only; tokens and the client secret then travel unencrypted.
    /// </summary>
    [ConfigurationKeyName("OIDC_ALLOW_HTTP")]
    public bool AllowHttp { get; set; }

    /// <summary>Password sign-in on the login page (KUBEADVISOR_LOCAL_SIGNIN, default true); false needs single sign-on with an Admin group.</summary>
    [ConfigurationKeyName("LOCAL_SIGNIN")]
    public bool LocalSignIn { get; set; } = true;

    public const string UnmappedRefuse = "refuse";
    public const string UnmappedViewer = "viewer";

    /// <summary>The name of the external login in AspNetUserLogins (its key is the provider's <c>sub</c>).</summary>
    public const string LoginProvider = "oidc";

    /// <summary>The authentication scheme of the OpenID Connect handler.</summary>
    public const string Scheme = "oidc";

    /// <summary>Where the provider sends the browser back (register this path at the provider).</summary>
    public const string CallbackPath = "/account/login/oidc/callback";

    /// <summary>Whether single sign-on is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IReadOnlyList<string> ScopeList =>
        Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The role map, parsed (valid once the options passed validation).</summary>
    public OidcGroupMap RoleGroups => OidcGroupMap.Parse(RoleMap);

    /// <summary>The team map, parsed.</summary>
    public OidcGroupMap TeamGroups => OidcGroupMap.Parse(TeamMap);
}
