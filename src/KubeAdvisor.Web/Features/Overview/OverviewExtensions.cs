namespace KubeAdvisor.Web.Features.Overview;

/// <summary>Registers the fleet overview.</summary>
public static class OverviewExtensions
{
    public static WebApplicationBuilder AddOverview(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OverviewQueries>();
        return builder;
    }
}
