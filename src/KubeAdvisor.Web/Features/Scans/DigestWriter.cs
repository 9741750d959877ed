using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Findings;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// The running-digest history: reads it (as the evaluator's <see cref="DigestHistory"/>) before a scan is
/// evaluated and records what the scan saw running, per workload container, image string and digest.
/// </summary>
internal static class DigestWriter
{
    /// <summary>
    /// Per workload container: the image of its latest observation (a running one, else the one last seen) and its distinct
    /// digests in the order read. One pass and one dictionary sized for the rows, not a grouping of them: at 100,000
    /// observations the grouping's buffers were megabytes of garbage that outlived the young generations (decision 0043).
    /// </summary>
    public static DigestHistory HistoryOf(IReadOnlyCollection<DigestObservation> rows)
    {
        var containers = new Dictionary<(string Uid, string Type, string Container), Seen>(rows.Count);
        foreach (var r in rows)
        {
            if (containers.TryGetValue((r.WorkloadUid, r.ContainerType, r.Container), out var seen))
            {
                seen.Add(r);
            }
            else
            {
                containers.Add((r.WorkloadUid, r.ContainerType, r.Container), new Seen(r));
            }
        }

        var entries = new DigestHistoryEntry[containers.Count];
        var i = 0;
        foreach (var ((uid, type, container), seen) in containers)
        {
            entries[i++] = new DigestHistoryEntry(uid, Enum.Parse<ContainerType>(type), container, seen.Latest.Image, seen.Digests());
        }

        return new DigestHistory(entries);
    }

    /// <summary>One container's observations as they are read.</summary>
    private sealed class Seen(DigestObservation first)
    {
        private readonly string _firstDigest = first.Digest;
        private List<string>? _more;

        public DigestObservation Latest { get; private set; } = first;

        public void Add(DigestObservation row)
        {
            if (Recency(row) > Recency(Latest))
            {
                Latest = row; // running rows are the latest; among equals the first read stays
            }

            if (row.Digest != _firstDigest && _more?.Contains(row.Digest) != true)
            {
                (_more ??= []).Add(row.Digest);
            }
        }

        public string[] Digests() => _more is null ? [_firstDigest] : [_firstDigest, .. _more];

        private static DateTimeOffset Recency(DigestObservation row) => row.GoneAt is null ? DateTimeOffset.MaxValue : row.LastSeen;
    }

    /// <summary>
    /// Records what this scan saw running; returns every observation of the cluster afterwards. Only rows that change
    /// are written: new digests, pod counts that moved, digests that run again, and digests that stopped (gone, last
    /// seen by the previous successful scan). A digest that runs on unchanged keeps its row untouched.
    /// </summary>
    public static async Task<IReadOnlyCollection<DigestObservation>> SyncAsync(KubeAdvisorDbContext db, Guid clusterId, Guid scanId, ClusterSnapshot snapshot,
        IReadOnlyList<DigestObservation> stored, LastSucceededScan previous, DateTimeOffset now, CancellationToken ct)
    {
        var existing = stored.ToDictionary(d => (d.WorkloadUid, d.ContainerType, d.Container, d.Image, d.Digest));
        var running = new HashSet<long>(stored.Count);
        var added = new List<DigestObservation>();
        foreach (var w in snapshot.Workloads)
        {
            foreach (var g in w.Running.GroupBy(r => (Type: r.Type.ToString(), r.ContainerName, r.SpecImage, r.Digest)))
            {
                var key = (w.Uid, g.Key.Type, g.Key.ContainerName, g.Key.SpecImage, g.Key.Digest);
                var pods = g.Sum(r => r.PodCount);
                if (!existing.TryGetValue(key, out var row))
                {
                    row = new DigestObservation
                    {
                        ClusterId = clusterId, WorkloadUid = w.Uid, ContainerType = g.Key.Type, Container = g.Key.ContainerName,
                        Image = g.Key.SpecImage, Digest = g.Key.Digest, FirstSeen = now, LastSeen = now, LastScanId = scanId, PodCount = pods,
                    };
                    added.Add(row);
                    existing[key] = row;
                    continue;
                }

                if (row.Id == 0)
                {
                    row.PodCount = pods; // added by this scan already (workloads without a uid can share a key): not written twice
                    continue;
                }

                running.Add(row.Id);
                if (row.GoneAt is not null || row.PodCount != pods)
                {
                    row.GoneAt = null; // runs again
                    row.PodCount = pods;
                    row.LastSeen = now;
                    row.LastScanId = scanId;
                    db.DigestObservations.Update(row);
                }
            }
        }

        // A scan that could not list a workload kind does not know what stopped (decision 0018): it only adds.
        foreach (var stopped in existing.Values.Where(d => snapshot.RunningComplete && d.Id != 0 && d.GoneAt is null && !running.Contains(d.Id)))
        {
            stopped.GoneAt = now;
            stopped.LastSeen = previous.SeenAt(stopped.LastSeen); // the previous successful scan was the last to see it run
            stopped.LastScanId = previous.SeenBy(stopped.LastScanId);
            db.DigestObservations.Update(stopped);
        }

        await BulkCopy.InsertAsync(db, added, ct);
        return existing.Values;
    }
}
