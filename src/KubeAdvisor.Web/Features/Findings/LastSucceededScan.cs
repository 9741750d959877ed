using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>
/// A cluster's most recent successful scan. Open findings and present workloads were seen by it by definition (a
/// scan that no longer sees one resolves it or marks it gone), so scans do not rewrite their LastSeen/LastScanId:
/// readers take this scan's time for them, and the stored values only count once a finding is resolved or a workload
/// gone (decision 0004). Retention always keeps this scan. A partial scan (decision 0018) is a succeeded scan too: the
/// open findings it could not judge (a policy it did not evaluate, a workload of a kind it could not list) and those
/// workloads keep their rows and so also read as seen by it; it did not resolve them, and its UnavailableKinds says
/// what it could not see.
/// </summary>
/// <param name="Id">The scan, or null before the first successful scan.</param>
/// <param name="FinishedAt">When it finished.</param>
public sealed record LastSucceededScan(Guid? Id, DateTimeOffset? FinishedAt)
{
    /// <summary>null when the cluster does not exist.</summary>
    public static async Task<LastSucceededScan?> LoadAsync(KubeAdvisorDbContext db, Guid clusterId, CancellationToken ct)
    {
        var row = await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId)
            .Select(c => new
            {
                c.LastSucceededScanId,
                FinishedAt = db.Scans.Where(s => s.Id == c.LastSucceededScanId).Select(s => s.FinishedAt).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new LastSucceededScan(row.LastSucceededScanId, row.FinishedAt);
    }

    /// <summary>The cluster's last succeeded scan when the cluster row is already at hand (only the scan's time is read).</summary>
    public static async Task<LastSucceededScan> OfAsync(KubeAdvisorDbContext db, Data.Entities.Cluster cluster, CancellationToken ct) =>
        cluster.LastSucceededScanId is not { } id
            ? new LastSucceededScan(null, null)
            : new LastSucceededScan(id, await db.Scans.Where(s => s.Id == id).Select(s => s.FinishedAt).FirstOrDefaultAsync(ct));

    /// <summary>When an open finding or a present workload was last seen: this scan's time (the stored value before any scan).</summary>
    public DateTimeOffset SeenAt(DateTimeOffset stored) => FinishedAt ?? stored;

    /// <summary>The scan that last saw an open finding (the stored id before any scan).</summary>
    public Guid SeenBy(Guid stored) => Id ?? stored;
}
