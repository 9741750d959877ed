using System.Security.Cryptography;
using Hangfire;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Admission;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>
/// Stores a valid pushed snapshot and its queued scan in one transaction, then enqueues <see cref="AgentSnapshotJob"/>.
/// The cluster row is locked (SELECT … FOR UPDATE) for the duration, so concurrent pushes of one cluster are decided
/// one after the other: a replay finds the first push's rows, and the push interval cannot be raced.
/// </summary>
public sealed class AgentSnapshotIntake(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory,
    IBackgroundJobClient jobs,
    IOptions<AgentIngestionOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// The answer when it needs no body: a replay of a stored snapshot (by the id the agent names in a header), or
    /// a push within the minimum interval. Null when the body must be read. <see cref="AcceptAsync"/> decides again
    /// under the cluster lock, so this only saves the work; it never admits anything.
    /// </summary>
    public async Task<IntakeResult?> DecideBeforeReadingAsync(Guid clusterId, string? snapshotId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (snapshotId is not null)
        {
            var earlier = await db.AgentSnapshots.Where(a => a.ClusterId == clusterId && a.SnapshotId == snapshotId)
                .Select(a => (Guid?)a.ScanId).SingleOrDefaultAsync(ct);
            if (earlier is not null)
            {
                return new IntakeResult(IntakeKind.Duplicate, earlier);
            }
        }

        var last = await db.AgentSnapshots.Where(a => a.ClusterId == clusterId).MaxAsync(a => (DateTimeOffset?)a.ReceivedAt, ct);
        return TooSoon(last, time.GetUtcNow());
    }

    public async Task<IntakeResult> AcceptAsync(Guid clusterId, ClusterSnapshot snapshot, byte[] gzip, string? agentVersion, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cluster = await db.Clusters.FromSql($"SELECT * FROM clusters WHERE \"Id\" = {clusterId} FOR UPDATE").SingleAsync(ct);

        var earlier = await db.AgentSnapshots.Where(a => a.ClusterId == clusterId && a.SnapshotId == snapshot.SnapshotId)
            .Select(a => (Guid?)a.ScanId).SingleOrDefaultAsync(ct);
        if (earlier is not null)
        {
            return new IntakeResult(IntakeKind.Duplicate, earlier);
        }

        var last = await db.AgentSnapshots.Where(a => a.ClusterId == clusterId).MaxAsync(a => (DateTimeOffset?)a.ReceivedAt, ct);
        if (TooSoon(last, now) is { } tooSoon)
        {
            return tooSoon;
        }

        var active = await db.Scans.Where(s => s.ClusterId == clusterId && (s.Status == ScanStatus.Queued || s.Status == ScanStatus.Running)).SingleOrDefaultAsync(ct);
        if (active is not null && now - (active.StartedAt ?? active.QueuedAt) < o.AbandonAfter)
        {
            return new IntakeResult(IntakeKind.TooSoon, null, TimeSpan.FromSeconds(30), "The previous snapshot of this cluster is still being evaluated.");
        }

        if (active is not null)
        {
            active.Status = ScanStatus.Failed;
            active.FinishedAt = now;
            active.Error = "The evaluation of this snapshot was interrupted (its process stopped) and was abandoned for a newer snapshot.";
            await db.SaveChangesAsync(ct); // before the insert: the one-active-scan index checks row by row
        }

        var scan = new Scan
        {
            Id = Guid.NewGuid(), ClusterId = clusterId, Trigger = ScanTrigger.Agent, Status = ScanStatus.Queued,
            RequestedBy = "agent", QueuedAt = now, SnapshotId = snapshot.SnapshotId,
        };
        db.Scans.Add(scan);
        db.AgentSnapshots.Add(new AgentSnapshot
        {
            Id = Guid.NewGuid(), ClusterId = clusterId, SnapshotId = snapshot.SnapshotId, ScanId = scan.Id, ReceivedAt = now,
            AgentVersion = agentVersion, CompressedBytes = gzip.Length, Payload = gzip,
            PayloadSha256 = Convert.ToHexStringLower(SHA256.HashData(gzip)),
        });
        cluster.AgentLastContactAt = now;
        cluster.AgentVersion = agentVersion ?? cluster.AgentVersion;
        cluster.KubernetesVersion = snapshot.KubernetesVersion ?? cluster.KubernetesVersion;
        await db.SaveChangesAsync(ct);
        await AdmissionDecisionStore.AddAsync(db, clusterId, snapshot.AdmissionDecisions, ct);
        await tx.CommitAsync(ct);

        // After the commit, so the job always finds its rows. Were this process to die in between, the queued scan is
        // abandoned after AbandonAfter and the agent's next snapshot goes through.
        jobs.Enqueue<AgentSnapshotJob>(j => j.RunAsync(scan.Id, CancellationToken.None));
        return new IntakeResult(IntakeKind.Accepted, scan.Id);
    }

    private IntakeResult? TooSoon(DateTimeOffset? last, DateTimeOffset now)
    {
        var o = options.Value;
        if (last is not { } l || now - l >= o.MinPushInterval)
        {
            return null;
        }

        return new IntakeResult(IntakeKind.TooSoon, null, o.MinPushInterval - (now - l),
            $"This cluster pushed {(now - l).TotalSeconds:0} s ago; at most one snapshot per {o.MinPushIntervalSeconds:0} s is accepted.");
    }
}
