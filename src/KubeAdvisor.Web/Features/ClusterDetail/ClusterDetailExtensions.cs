namespace KubeAdvisor.Web.Features.ClusterDetail;

/// <summary>Registers the cluster page.</summary>
public static class ClusterDetailExtensions
{
    public static WebApplicationBuilder AddClusterDetail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ClusterDetailQueries>();
        return builder;
    }
}
