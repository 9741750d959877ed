using Hangfire;
using KubeAdvisor.Web.Configuration;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>Registers the scan pipeline and its recurring jobs.</summary>
public static class ScanExtensions
{
    public static WebApplicationBuilder AddScans(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<ClusterScanLock>();
        s.AddSingleton<ScanLifecycle>();
        s.AddSingleton<ScanStore>();
        s.AddSingleton(new LargeScanGate());
        s.AddTransient<ScanProcessor>();
        s.AddTransient<ScanScheduler>();
        s.AddTransient<ScanJob>();
        s.AddTransient<ScanDispatcherJob>();
        s.AddTransient<RetentionJob>();
        return builder;
    }

    /// <summary>Idempotent: every instance registers the same recurring jobs at start.</summary>
    public static void RegisterRecurringScanJobs(this IServiceProvider services)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KubeAdvisorOptions>>().Value;
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<ScanDispatcherJob>(ScanDispatcherJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), options.DispatchCron);
        recurring.AddOrUpdate<RetentionJob>(RetentionJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "17 3 * * *");
    }
}
