using Hangfire;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// Recurring (every minute): queues a scheduled scan for every kubeconfig cluster whose interval has passed since
/// its last scan. One dispatcher instead of one cron per cluster because intervals such as 90 minutes have no
/// cron form (docs/decisions/0004-scans.md).
/// </summary>
[AutomaticRetry(Attempts = 0)]
[DisableConcurrentExecution(timeoutInSeconds: 60)]
public sealed class ScanDispatcherJob(IDbContextFactory<KubeAdvisorDbContext> dbFactory, ScanScheduler scheduler, TimeProvider time)
{
    public const string RecurringJobId = "scan-dispatcher";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.Clusters.AsNoTracking()
            .Where(c => c.ConnectionType == ConnectionType.Kubeconfig)
            .Select(c => new { c.Id, c.ScanIntervalMinutes, c.LastScanAt, c.CreatedAt })
            .ToListAsync(ct);

        var queued = 0;
        foreach (var c in candidates)
        {
            var last = c.LastScanAt ?? c.CreatedAt.AddMinutes(-c.ScanIntervalMinutes);
            if (now - last >= TimeSpan.FromMinutes(c.ScanIntervalMinutes))
            {
                var request = await scheduler.RequestAsync(c.Id, ScanTrigger.Scheduled, "schedule", ct);
                queued += request is { AlreadyActive: false } ? 1 : 0;
            }
        }

        return queued;
    }
}
