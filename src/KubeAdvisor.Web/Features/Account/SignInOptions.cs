using Microsoft.Extensions.Configuration;

namespace KubeAdvisor.Web.Features.Account;

/// <summary>Limits of the sign-in endpoint, from KUBEADVISOR_SIGN_IN_* (documented in .env.example).</summary>
public sealed class SignInOptions
{
    /// <summary>Sign-in attempts one client address may make per minute (KUBEADVISOR_SIGN_IN_PER_ADDRESS_PER_MINUTE, default 20).</summary>
    [ConfigurationKeyName("SIGN_IN_PER_ADDRESS_PER_MINUTE")]
    public int PerAddressPerMinute { get; set; } = 20;

    /// <summary>Sign-in attempts for one account (known or not) per minute (KUBEADVISOR_SIGN_IN_PER_ACCOUNT_PER_MINUTE, default 10).</summary>
    [ConfigurationKeyName("SIGN_IN_PER_ACCOUNT_PER_MINUTE")]
    public int PerAccountPerMinute { get; set; } = 10;
}
