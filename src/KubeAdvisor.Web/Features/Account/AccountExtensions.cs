using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Account;

/// <summary>Sign-in limits and the aggregated audit of failed sign-ins.</summary>
public static class AccountExtensions
{
    public static WebApplicationBuilder AddAccount(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignInOptions>()
            .Bind(builder.Configuration)
            .Validate(o => o.PerAddressPerMinute >= 1 && o.PerAccountPerMinute >= 1,
                "KUBEADVISOR_SIGN_IN_PER_ADDRESS_PER_MINUTE and KUBEADVISOR_SIGN_IN_PER_ACCOUNT_PER_MINUTE must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<SignInOptions>>((limiter, signIn) => SignInThrottle.AddPolicies(limiter, signIn.Value));
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<FailedSignInAudit>();
        builder.Services.AddHostedService<FailedSignInFlusher>();
        return builder;
    }
}
