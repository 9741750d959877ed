namespace KubeAdvisor.Web.Features.Fleet;

/// <summary>The fleet table of the Overview and the Clusters page.</summary>
public static class FleetExtensions
{
    public static WebApplicationBuilder AddFleet(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FleetQueries>();
        return builder;
    }
}
