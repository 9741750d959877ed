namespace KubeAdvisor.Web.Features.Reports;

/// <summary>Registers the openreports.io writer behind GET /api/v1/clusters/{id}/reports.</summary>
public static class ReportsExtensions
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OpenReportsWriter>();
        return builder;
    }
}
