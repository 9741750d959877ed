namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>Cluster connections: kubeconfig storage and validation, administration, connection tests.</summary>
public static class ClusterExtensions
{
    public static WebApplicationBuilder AddClusters(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<KubeconfigProtector>();
        s.AddSingleton<StoredKubeconfigs>();
        s.AddSingleton<KubeconfigKeyRotation>();
        s.AddSingleton<ConnectionProbe>();
        s.AddScoped<ClusterAdministration>();
        s.AddSingleton<AdmissionPolicyExport>();
        s.AddTransient<ClusterQueries>();
        return builder;
    }
}
