using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>The running-digest history of one workload: each digest per container, oldest first.</summary>
public sealed class DigestQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    public sealed record DigestRow(string Container, string ContainerType, string Image, string Digest, DateTimeOffset FirstSeen,
        DateTimeOffset LastSeen, int PodCount, bool RunningNow);

    /// <summary>null when the workload is not in that cluster.</summary>
    public async Task<List<DigestRow>?> HistoryAsync(Guid clusterId, Guid workloadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var uid = await db.Workloads.AsNoTracking().Where(w => w.Id == workloadId && w.ClusterId == clusterId).Select(w => w.Uid).SingleOrDefaultAsync(ct);
        if (uid is null)
        {
            return null;
        }

        // A running digest was last seen by the cluster's last succeeded scan (its row is not rewritten while it runs).
        var last = await LastSucceededScan.LoadAsync(db, clusterId, ct) ?? new LastSucceededScan(null, null);
        var rows = await db.DigestObservations.AsNoTracking()
            .Where(d => d.ClusterId == clusterId && d.WorkloadUid == uid)
            .OrderBy(d => d.Container).ThenBy(d => d.FirstSeen).ThenBy(d => d.Digest)
            .Select(d => new DigestRow(d.Container, d.ContainerType, d.Image, d.Digest, d.FirstSeen, d.LastSeen, d.PodCount, d.GoneAt == null))
            .ToListAsync(ct);
        return [.. rows.Select(r => r.RunningNow ? r with { LastSeen = last.SeenAt(r.LastSeen) } : r)];
    }
}
