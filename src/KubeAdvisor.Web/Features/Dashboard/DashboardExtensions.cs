namespace KubeAdvisor.Web.Features.Dashboard;

/// <summary>Registers shared dashboard pieces: trends and the refresh stamp.</summary>
public static class DashboardExtensions
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TrendQueries>();
        builder.Services.AddSingleton<RefreshQueries>();
        return builder;
    }
}
