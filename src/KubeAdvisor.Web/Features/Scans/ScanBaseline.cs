using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// What a scan of a cluster builds on and that does not depend on what it collects: the digest observations, the
/// workloads (gone ones included, so a workload that comes back keeps its row) and the open findings; whether resolved
/// findings exist at all (a first scan need not look for findings to reopen).
/// A kubeconfig scan reads it while the collector runs (<see cref="ScanProcessor.PrefetchAsync"/>): it cannot change
/// meanwhile, because only the one scan that holds the cluster's lock writes these rows; a deleted cluster is caught
/// when the scan is stored.
/// It is held for the whole scan, beside the snapshot, so it is kept small: workloads and open findings are read as
/// small records with a hash of the columns a scan rewrites instead of their texts (decision 0041), the writers compare
/// hashes and write changed rows back by id; rows are read one at a time and their repeated texts (namespaces, kinds,
/// policy ids, images, digests, and the workloads' uids that digest observations repeat) share one string each
/// (decision 0021).
/// </summary>
public sealed record ScanBaseline(
    Guid ClusterId, List<DigestObservation> Observations, List<StoredWorkload> Workloads, List<StoredFinding> OpenFindings, bool AnyResolvedFindings)
{
    /// <param name="db">A context of its own.</param>
    /// <param name="clusterId">The cluster.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="collected">
    /// The snapshot this scan collected, when it is read after collecting (a large cluster, an agent's snapshot): the
    /// uids, images and digests that run on are then the snapshot's own strings, not a second copy of each (decision 0041).
    /// </param>
    public static async Task<ScanBaseline> LoadAsync(KubeAdvisorDbContext db, Guid clusterId, CancellationToken ct, ClusterSnapshot? collected = null)
    {
        var pool = new StringPool(collected);
        var hash = new ContentHash();
        // Each list is made as large as it gets, counted first: at 100,000 rows, growing by doubling and trimming left ~20 MB
        // of large-object garbage that only a full collection frees, and the scan's peak came before one (decision 0043).
        // Only the scan holding the cluster's lock writes these rows, so the counts hold; a list would still grow if not.
        // Workloads first: their uids are pooled too, so the digest observations' copies of them (one per row) become the
        // same instances (decision 0038).
        var workloads = new List<StoredWorkload>(await db.Workloads.CountAsync(w => w.ClusterId == clusterId, ct));
        var workloadRows = db.Workloads.AsNoTracking().Where(w => w.ClusterId == clusterId).Select(w => new
        {
            w.Id, w.Uid, w.Kind, w.Namespace, w.Name, w.Replicas, w.AnnotationsJson, w.ContainersJson, w.LabelsJson, w.TeamId, w.GoneAt, w.LastSeen,
        });
        await foreach (var w in workloadRows.AsAsyncEnumerable().WithCancellation(ct))
        {
            workloads.Add(new StoredWorkload(w.Id, pool.Get(w.Uid), pool.Get(w.Kind), w.GoneAt is not null, w.LastSeen,
                StoredWorkload.Hash(hash, w.Kind, w.Namespace, w.Name, w.Replicas, w.AnnotationsJson, w.ContainersJson, w.LabelsJson, w.TeamId)));
        }

        var observations = new List<DigestObservation>(await db.DigestObservations.CountAsync(d => d.ClusterId == clusterId, ct));
        await foreach (var d in db.DigestObservations.AsNoTracking().Where(d => d.ClusterId == clusterId).AsAsyncEnumerable().WithCancellation(ct))
        {
            d.WorkloadUid = pool.Get(d.WorkloadUid);
            d.ContainerType = pool.Get(d.ContainerType);
            d.Container = pool.Get(d.Container);
            d.Image = pool.Get(d.Image);
            d.Digest = pool.Get(d.Digest);
            observations.Add(d);
        }

        var open = new List<StoredFinding>(await db.Findings.CountAsync(f => f.ClusterId == clusterId && f.IsOpen, ct));
        var openRows = db.Findings.AsNoTracking().Where(f => f.ClusterId == clusterId && f.IsOpen).Select(f => new
        {
            f.Id, f.Fingerprint, f.Kind, f.PolicyId, f.LastSeen, f.LastScanId, f.WorkloadId, f.Namespace, f.WorkloadName, f.Container, f.ContainerType,
            f.Image, f.Severity, f.Message, f.Remediation, f.ResolvedAt,
        });
        await foreach (var f in openRows.AsAsyncEnumerable().WithCancellation(ct))
        {
            open.Add(new StoredFinding(f.Id, f.Fingerprint, pool.Get(f.Kind), pool.Get(f.PolicyId), f.LastSeen, f.LastScanId,
                StoredFinding.Hash(hash, f.WorkloadId, f.Namespace, f.Kind, f.WorkloadName, f.Container, f.ContainerType, f.Image, f.Severity, f.Message,
                    f.Remediation, f.ResolvedAt)));
        }

        var anyResolved = await db.Findings.AnyAsync(f => f.ClusterId == clusterId && !f.IsOpen, ct);
        return new ScanBaseline(clusterId, observations, workloads, open, anyResolved);
    }

    /// <summary>One instance per distinct text, for the columns whose values repeat across rows.</summary>
    private sealed class StringPool
    {
        private readonly Dictionary<string, string> _strings;

        public StringPool(ClusterSnapshot? seed)
        {
            // Sized for the seed's strings (a uid and about three running texts per workload, the objects' keys) and as many
            // others, so it does not grow by doubling through the read.
            var seedSize = seed is null ? 0 : seed.Workloads.Count * 4 + seed.ObjectCount;
            _strings = new Dictionary<string, string>(seedSize * 2, StringComparer.Ordinal);
            foreach (var w in seed?.Workloads ?? [])
            {
                Get(w.Uid);
                foreach (var r in w.Running)
                {
                    Get(r.ContainerName);
                    Get(r.SpecImage);
                    Get(r.Digest);
                }
            }

            foreach (var o in seed?.Objects ?? [])
            {
                Get(o.Key);
            }
        }

        public string Get(string value)
        {
            if (_strings.TryGetValue(value, out var pooled))
            {
                return pooled;
            }

            _strings.Add(value, value);
            return value;
        }
    }
}
