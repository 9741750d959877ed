using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Web.Infrastructure.Auth.Oidc;

/// <summary>
/// What a sign-in through the provider came to: the user to sign in, or the login page's error code and the reason
/// written to the audit log. <see cref="Account"/> names who tried (e-mail, or oidc:&lt;sub&gt; when unknown).
/// </summary>
public sealed record OidcSignInOutcome(AppUser? User, string? ErrorCode, string Account, string Reason)
{
    /// <summary>The provider's answer was not usable (no subject, a protocol failure).</summary>
    public const string Failed = "sso-failed";

    /// <summary>No mapped group and KUBEADVISOR_OIDC_UNMAPPED=refuse.</summary>
    public const string Refused = "sso-refused";

    /// <summary>The KubeAdvisor account is disabled.</summary>
    public const string Disabled = "sso-disabled";

    /// <summary>No e-mail address from the provider, or the address belongs to an account not linked to this login.</summary>
    public const string NoAccount = "sso-account";

    public static OidcSignInOutcome Ok(AppUser user, string account, string reason) => new(user, null, account, reason);

    public static OidcSignInOutcome Fail(string code, string account, string reason) => new(null, code, account, reason);
}
