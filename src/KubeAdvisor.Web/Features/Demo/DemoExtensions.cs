using KubeAdvisor.Web.Configuration;

namespace KubeAdvisor.Web.Features.Demo;

/// <summary>The sample "demo" cluster, served and connected in this process when KUBEADVISOR_DEMO is true.</summary>
public static class DemoExtensions
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetKubeAdvisorOptions().Demo)
        {
            builder.Services.AddHostedService<DemoClusterHost>();
        }

        return builder;
    }
}
