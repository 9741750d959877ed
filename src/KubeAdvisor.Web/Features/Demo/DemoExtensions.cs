using KubeAdvisor.Web.Configuration;

namespace KubeAdvisor.Web.Features.Demo;

/// <summary>
/// The sample "demo" cluster, served and connected in this process when KUBEADVISOR_DEMO is true, with the seeded demo
/// history (prod-eu, prod-us, staging). Only by a process that runs jobs (worker, all): its fake API server listens on
/// loopback, so the process that scans it must serve it. The history's banner and removal are registered everywhere.
/// </summary>
public static class DemoExtensions
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DemoHistory>();
        builder.Services.AddSingleton<DemoHistorySeeder>();
        var options = builder.Configuration.GetKubeAdvisorOptions();
        if (options.Demo && options.GetProcessRole().RunsJobs)
        {
            builder.Services.AddHostedService<DemoClusterHost>();
        }

        return builder;
    }
}
