using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Workloads;

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

        var lastScan = await db.Clusters.Where(c => c.Id == clusterId).Select(c => c.LastSucceededScanId).SingleOrDefaultAsync(ct);
        return await db.DigestObservations.AsNoTracking()
            .Where(d => d.ClusterId == clusterId && d.WorkloadUid == uid)
            .OrderBy(d => d.Container).ThenBy(d => d.FirstSeen).ThenBy(d => d.Digest)
            .Select(d => new DigestRow(d.Container, d.ContainerType, d.Image, d.Digest, d.FirstSeen, d.LastSeen, d.PodCount, d.LastScanId == lastScan))
            .ToListAsync(ct);
    }
}
