namespace KubeAdvisor.Web.Features.Workloads;

/// <summary>Registers the workload page.</summary>
public static class WorkloadExtensions
{
    public static WebApplicationBuilder AddWorkloads(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WorkloadQueries>();
        return builder;
    }
}
