using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>
/// What each finding's container ran, from the running-digest history: for an open finding the digests running now
/// (seen by the last succeeded scan), for a resolved one those its last scan saw. One query per page, matched in memory.
/// </summary>
internal static class RunningDigests
{
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<string>>> LoadAsync(
        KubeAdvisorDbContext db, IReadOnlyList<StoredFinding> findings, ClusterFacts clusters, CancellationToken ct)
    {
        var withContainer = findings.Where(f => f.Container is not null && f.ContainerType is not null).ToList();
        if (withContainer.Count == 0)
        {
            return new Dictionary<long, IReadOnlyList<string>>();
        }

        var workloadIds = withContainer.Select(f => f.WorkloadId).Distinct().ToList();
        var uids = await db.Workloads.AsNoTracking().Where(w => workloadIds.Contains(w.Id))
            .Select(w => new { w.Id, w.Uid, w.ClusterId }).ToDictionaryAsync(w => w.Id, ct);
        var clusterIds = uids.Values.Select(u => u.ClusterId).Distinct().ToList();
        var uidList = uids.Values.Select(u => u.Uid).Distinct().ToList();
        var observations = await db.DigestObservations.AsNoTracking()
            .Where(d => clusterIds.Contains(d.ClusterId) && uidList.Contains(d.WorkloadUid))
            .Select(d => new { d.ClusterId, d.WorkloadUid, d.ContainerType, d.Container, d.Digest, Running = d.GoneAt == null, d.LastScanId })
            .ToListAsync(ct);
        var byContainer = observations.ToLookup(d => (d.ClusterId, d.WorkloadUid, d.ContainerType, d.Container));

        var result = new Dictionary<long, IReadOnlyList<string>>();
        foreach (var f in withContainer)
        {
            if (!uids.TryGetValue(f.WorkloadId, out var w))
            {
                continue;
            }

            var runningNow = f.IsOpen && clusters.Last(f.ClusterId).FinishedAt is not null;
            result[f.Id] = byContainer[(f.ClusterId, w.Uid, f.ContainerType!.Value.ToString(), f.Container!)]
                .Where(d => runningNow ? d.Running : d.LastScanId == f.LastScanId)
                .Select(d => d.Digest).Order(StringComparer.Ordinal).ToList();
        }

        return result;
    }
}
