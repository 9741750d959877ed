using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// The states of a scan record, one set of transitions for the kubeconfig scan (<see cref="ScanJob"/>) and the agent
/// snapshot (<c>AgentSnapshotJob</c>) alike: queued → running → succeeded (written by <see cref="ScanStore"/> in the
/// scan's transaction) or failed (which notifications hear of); a scan that must wait (retry, busy lock) goes back to queued.
/// </summary>
public sealed class ScanLifecycle(IDbContextFactory<KubeAdvisorDbContext> dbFactory, TimeProvider time, NotificationTrigger? notifications = null)
{
    /// <summary>
    /// Moves a queued scan (and, with <paramref name="resumeRunning"/>, one left running by a stopped process) to
    /// running and counts the attempt. Null when there is nothing to do: deleted with its cluster, or already done.
    /// A resumed scan notes its interrupted attempt: callers resume only when the job came back to them, which
    /// means the worker of the previous attempt stopped (docs/decisions/0016-scan-crash-recovery.md).
    /// </summary>
    public async Task<Scan?> StartAsync(Guid scanId, bool resumeRunning, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scan = await db.Scans.SingleOrDefaultAsync(s => s.Id == scanId, ct);
        if (scan is null || !(scan.Status == ScanStatus.Queued || (resumeRunning && scan.Status == ScanStatus.Running)))
        {
            return null;
        }

        if (scan.Status == ScanStatus.Running)
        {
            scan.InterruptedAttempts++;
            scan.Error = $"Attempt {scan.Attempts} was interrupted (its worker stopped); scanning again.";
        }

        scan.Status = ScanStatus.Running;
        scan.StartedAt = time.GetUtcNow();
        scan.Attempts++;
        await db.SaveChangesAsync(ct);
        return scan;
    }

    /// <summary>The cluster of a queued or running scan; null when the scan is gone or done.</summary>
    public async Task<(Guid ClusterId, ScanStatus Status)?> ActiveAsync(Guid scanId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scan = await db.Scans.AsNoTracking()
            .Where(s => s.Id == scanId && (s.Status == ScanStatus.Queued || s.Status == ScanStatus.Running))
            .Select(s => new { s.ClusterId, s.Status })
            .SingleOrDefaultAsync(ct);
        return scan is null ? null : (scan.ClusterId, scan.Status);
    }

    /// <summary>Back to queued, with a note for the scan history (null clears it). Runs even when the job was cancelled.</summary>
    public async Task RequeueAsync(Guid scanId, string? note)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.Scans.Where(s => s.Id == scanId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, ScanStatus.Queued).SetProperty(s => s.Error, note), CancellationToken.None);
    }

    /// <summary>
    /// Failed for good: the finish time, the error users see and the cluster's last scan time. Only a queued or running
    /// scan changes, so a late failure never overwrites a stored result. Runs even when the job was cancelled.
    /// With <paramref name="onlyRunning"/>, a scan that went back to queued (waiting for a retry) is left alone.
    /// </summary>
    /// <param name="reason">One of the ScanFailureReason words (a metric label), stored with the scan.</param>
    public async Task FailAsync(Guid scanId, string error, string reason, bool onlyRunning = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var now = time.GetUtcNow();
        var failed = await db.Scans.Where(s => s.Id == scanId && ((!onlyRunning && s.Status == ScanStatus.Queued) || s.Status == ScanStatus.Running))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, ScanStatus.Failed).SetProperty(s => s.FinishedAt, now).SetProperty(s => s.Error, error)
                .SetProperty(s => s.FailureReason, reason),
                CancellationToken.None);
        if (failed > 0)
        {
            await db.Clusters.Where(c => db.Scans.Any(s => s.Id == scanId && s.ClusterId == c.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastScanAt, now), CancellationToken.None);
            if (notifications is not null)
            {
                await notifications.ScanFinishedAsync(scanId, CancellationToken.None); // scan-health routes hear of it
            }
        }
    }
}
