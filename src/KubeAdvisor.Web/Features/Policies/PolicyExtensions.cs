namespace KubeAdvisor.Web.Features.Policies;

/// <summary>Registers the policy catalog and per-cluster settings.</summary>
public static class PolicyExtensions
{
    public static WebApplicationBuilder AddPolicies(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PolicyQueries>();
        builder.Services.AddScoped<PolicySettingsEditor>();
        return builder;
    }
}
