using Hangfire;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// Queues scans. A cluster has at most one queued or running scan: a unique partial index in PostgreSQL enforces
/// it across instances, so two concurrent "Scan now" clicks give one scan. Callers check roles.
/// </summary>
public sealed class ScanScheduler(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory,
    IBackgroundJobClient jobs,
    IOptions<KubeAdvisorOptions> options,
    AuditLog audit,
    ClusterScanLock scanLock,
    ScanLifecycle lifecycle,
    TimeProvider time)
{
    /// <summary>Queues a kubeconfig scan of the cluster; null when the cluster does not exist or is agent-connected.</summary>
    public async Task<ScanRequest?> RequestAsync(Guid clusterId, ScanTrigger trigger, string requestedBy, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.AsNoTracking()
            .Where(c => c.Id == clusterId)
            .Select(c => new { c.ConnectionType })
            .SingleOrDefaultAsync(ct);
        if (cluster is null || cluster.ConnectionType != ConnectionType.Kubeconfig)
        {
            return null;
        }

        var active = await ActiveScanAsync(db, clusterId, ct);
        if (active is not null)
        {
            return new ScanRequest(active.Value, AlreadyActive: true);
        }

        var scan = new Scan { Id = Guid.NewGuid(), ClusterId = clusterId, Trigger = trigger, Status = ScanStatus.Queued, RequestedBy = requestedBy, QueuedAt = time.GetUtcNow() };
        db.Scans.Add(scan);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request (maybe on another instance) queued one between our check and insert.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            var winner = await ActiveScanAsync(again, clusterId, ct);
            return winner is null ? null : new ScanRequest(winner.Value, AlreadyActive: true);
        }

        jobs.Enqueue<ScanJob>(job => job.RunAsync(scan.Id, CancellationToken.None));
        if (trigger != ScanTrigger.Scheduled)
        {
            await audit.WriteAsync(requestedBy, AuditActions.ScanRequested, clusterId.ToString(), $"{trigger} scan {scan.Id}", ct: ct);
        }

        return new ScanRequest(scan.Id, AlreadyActive: false);
    }

    /// <summary>
    /// The queued or running scan of a cluster. A running one whose cluster lock is free is dead: the live worker holds
    /// the lock for the whole scan and a stopped process's session releases it. It is marked failed at once (its job,
    /// when it comes back, finds nothing to do), so "Scan now" never answers with a dead scan. A queued one that has
    /// waited far longer than any scan may take (its job was lost) is abandoned the same way.
    /// </summary>
    private async Task<Guid?> ActiveScanAsync(KubeAdvisorDbContext db, Guid clusterId, CancellationToken ct)
    {
        var active = await db.Scans.AsNoTracking()
            .Where(s => s.ClusterId == clusterId && (s.Status == ScanStatus.Queued || s.Status == ScanStatus.Running))
            .Select(s => new { s.Id, s.Status, s.Attempts, s.QueuedAt, s.StartedAt })
            .SingleOrDefaultAsync(ct);
        if (active is null)
        {
            return null;
        }

        if (active.Status == ScanStatus.Running)
        {
            await using (var held = await scanLock.TryAcquireAsync(clusterId, ct))
            {
                if (held is null)
                {
                    return active.Id;
                }

                // Failed while we hold the lock, so no worker can start it again meanwhile; a scan that has just finished
                // or gone back to queued for a retry since we read it is not touched.
                await lifecycle.FailAsync(active.Id,
                    $"Attempt {active.Attempts} was interrupted (its worker stopped) and was abandoned for a new scan; nothing it collected was stored.", ScanFailureReason.Interrupted, onlyRunning: true);
            }

            return await StillActiveAsync(db, clusterId, ct);
        }

        var o = options.Value;
        var longest = TimeSpan.FromSeconds((o.ScanTimeoutSeconds + (o.ScanRetrySeconds << Math.Min(o.ScanMaxAttempts, 10))) * 2L) + TimeSpan.FromMinutes(10);
        if (time.GetUtcNow() - (active.StartedAt ?? active.QueuedAt) < longest)
        {
            return active.Id;
        }

        await lifecycle.FailAsync(active.Id, "The scan was interrupted (its process stopped) and was abandoned; nothing it collected was stored.",
            ScanFailureReason.Interrupted);
        return await StillActiveAsync(db, clusterId, ct);
    }

    private static Task<Guid?> StillActiveAsync(KubeAdvisorDbContext db, Guid clusterId, CancellationToken ct) =>
        db.Scans.Where(s => s.ClusterId == clusterId && (s.Status == ScanStatus.Queued || s.Status == ScanStatus.Running))
            .Select(s => (Guid?)s.Id)
            .SingleOrDefaultAsync(ct);
}
