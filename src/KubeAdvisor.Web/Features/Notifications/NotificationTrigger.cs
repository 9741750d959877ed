using Hangfire;
using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// What the scan pipeline calls once a scan is finished for good (its transaction committed, or marked failed): when
/// any route could care, one <see cref="ScanNotificationJob"/> is queued. Nothing is sent here and nothing here can fail
/// the scan: a failure to queue is logged and the scan stays as it was stored.
/// </summary>
public sealed class NotificationTrigger(IDbContextFactory<KubeAdvisorDbContext> dbFactory, IBackgroundJobClient jobs, ILogger<NotificationTrigger> logger)
{
    public async Task ScanFinishedAsync(Guid scanId, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (await db.NotificationRoutes.AnyAsync(r => r.Event != NotificationEvents.WeeklyDigest, ct))
            {
                jobs.Enqueue<ScanNotificationJob>(j => j.RunAsync(scanId, CancellationToken.None));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Notifications of scan {ScanId} could not be queued; the scan itself is stored", scanId);
        }
    }
}
