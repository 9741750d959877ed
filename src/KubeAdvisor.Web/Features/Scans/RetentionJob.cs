using Hangfire;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// Recurring (daily): deletes per-scan detail older than the retention period (scans and, by cascade, their
/// summaries and score samples; findings resolved before it; workloads gone, digests stopped and agent snapshots received before it) and
/// rollups older than
/// the rollup retention. A cluster's most recent successful scan is always kept; a cluster being scanned keeps its
/// workloads and digest observations until the next run.
/// </summary>
[AutomaticRetry(Attempts = 2)]
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class RetentionJob(IDbContextFactory<KubeAdvisorDbContext> dbFactory, IOptions<KubeAdvisorOptions> options, TimeProvider time)
{
    public const string RecurringJobId = "retention";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var detailCutoff = now.AddDays(-options.Value.RetentionDays);
        var rollupCutoff = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-options.Value.RollupRetentionDays));
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var deleted = await db.Scans
            .Where(s => s.QueuedAt < detailCutoff && s.Status != ScanStatus.Queued && s.Status != ScanStatus.Running)
            .Where(s => !db.Clusters.Any(c => c.LastSucceededScanId == s.Id))
            .ExecuteDeleteAsync(ct);
        deleted += await db.Findings.Where(f => !f.IsOpen && f.ResolvedAt < detailCutoff).ExecuteDeleteAsync(ct);
        // A scan stores against the previous state it read while collecting (ScanBaseline): workloads and digest
        // observations of a cluster being scanned wait for the next run, so none disappears under that scan.
        var scanning = db.Scans.Where(s => s.Status == ScanStatus.Queued || s.Status == ScanStatus.Running).Select(s => s.ClusterId);
        deleted += await db.Workloads.Where(w => w.GoneAt < detailCutoff && !scanning.Contains(w.ClusterId)).ExecuteDeleteAsync(ct);
        deleted += await db.DigestObservations.Where(d => d.GoneAt < detailCutoff && !scanning.Contains(d.ClusterId)).ExecuteDeleteAsync(ct);
        deleted += await db.AgentSnapshots.Where(a => a.ReceivedAt < detailCutoff).ExecuteDeleteAsync(ct);
        deleted += await db.DailyRollups.Where(r => r.Day < rollupCutoff).ExecuteDeleteAsync(ct);
        return deleted;
    }
}
