using KubeAdvisor.Web.Features.ClusterDetail;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Namespaces;
using KubeAdvisor.Web.Features.Overview;
using KubeAdvisor.Web.Features.Policies;
using KubeAdvisor.Web.Features.Violations;
using KubeAdvisor.Web.Features.Workloads;

namespace KubeAdvisor.Web.Features;

/// <summary>The dashboard's services (read queries, policy settings) and endpoints (CSV export).</summary>
public static class DashboardExtensions
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<TrendQueries>();
        services.AddSingleton<RefreshQueries>();
        services.AddSingleton<OverviewQueries>();
        services.AddSingleton<ClusterDetailQueries>();
        services.AddSingleton<NamespaceQueries>();
        services.AddSingleton<WorkloadQueries>();
        services.AddSingleton<DigestQueries>();
        services.AddSingleton<FindingsQueries>();
        services.AddSingleton<PolicyQueries>();
        services.AddScoped<PolicySettingsEditor>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder app) => app.MapViolationsExport();
}
