using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// The running-digest history: reads it (as the evaluator's <see cref="DigestHistory"/>) before a scan is
/// evaluated and records what the scan saw running, per workload container, image string and digest.
/// </summary>
internal static class DigestWriter
{
    public static DigestHistory HistoryOf(IEnumerable<DigestObservation> rows)
    {
        var entries = rows.GroupBy(r => (r.WorkloadUid, r.ContainerType, r.Container)).Select(g => new DigestHistoryEntry(
            g.Key.WorkloadUid,
            Enum.Parse<ContainerType>(g.Key.ContainerType),
            g.Key.Container,
            g.MaxBy(r => r.LastSeen)!.Image,
            g.Select(r => r.Digest).Distinct(StringComparer.Ordinal).ToList()));
        return new DigestHistory(entries);
    }

    /// <summary>Records what this scan saw running; returns every observation of the cluster afterwards.</summary>
    public static async Task<IReadOnlyCollection<DigestObservation>> SyncAsync(KubeAdvisorDbContext db, Guid clusterId, Guid scanId, ClusterSnapshot snapshot,
        IReadOnlyList<DigestObservation> stored, DateTimeOffset now, CancellationToken ct)
    {
        var existing = stored.ToDictionary(d => (d.WorkloadUid, d.ContainerType, d.Container, d.Image, d.Digest));
        var seenAgain = new List<long>();
        var added = new List<DigestObservation>();
        foreach (var w in snapshot.Workloads)
        {
            foreach (var g in w.Running.GroupBy(r => (Type: r.Type.ToString(), r.ContainerName, r.SpecImage, r.Digest)))
            {
                var key = (w.Uid, g.Key.Type, g.Key.ContainerName, g.Key.SpecImage, g.Key.Digest);
                if (!existing.TryGetValue(key, out var row))
                {
                    row = new DigestObservation
                    {
                        ClusterId = clusterId, WorkloadUid = w.Uid, ContainerType = g.Key.Type, Container = g.Key.ContainerName,
                        Image = g.Key.SpecImage, Digest = g.Key.Digest, FirstSeen = now, LastSeen = now, LastScanId = scanId,
                    };
                    added.Add(row);
                    existing[key] = row;
                }
                else if (row.LastScanId != scanId)
                {
                    seenAgain.Add(row.Id);
                }

                var pods = g.Sum(r => r.PodCount);
                if (row.PodCount != pods && row.Id != 0)
                {
                    // A full-row update must carry what the set-based update below writes for the other rows.
                    row.PodCount = pods;
                    row.LastSeen = now;
                    row.LastScanId = scanId;
                    db.DigestObservations.Update(row);
                }

                row.PodCount = pods;
            }
        }

        await db.DigestObservations.Where(d => seenAgain.Contains(d.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.LastSeen, now).SetProperty(d => d.LastScanId, scanId), ct);
        await BulkCopy.InsertAsync(db, added, ct);
        return existing.Values;
    }
}
