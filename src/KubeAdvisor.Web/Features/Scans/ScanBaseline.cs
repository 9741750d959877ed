using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// What a scan of a cluster builds on and that does not depend on what it collects: the digest observations, the
/// workloads (gone ones included, so a workload that comes back keeps its row) and the open findings, all untracked;
/// whether resolved findings exist at all (a first scan need not look for findings to reopen).
/// A kubeconfig scan reads it while the collector runs (<see cref="ScanProcessor.PrefetchAsync"/>): it cannot change
/// meanwhile, because only the one scan that holds the cluster's lock writes these rows; a deleted cluster is caught
/// when the scan is stored.
/// Rows are read one at a time and their repeated texts (namespaces, kinds, policy ids, remediations, images, digests,
/// and the workloads' uids and names that observations and findings repeat) share one string each, and findings come without their search text (a computed column nothing here reads): at
/// 50,000 workloads this is held for the whole scan, beside the snapshot (decision 0021).
/// </summary>
public sealed record ScanBaseline(
    Guid ClusterId, List<DigestObservation> Observations, List<WorkloadRecord> Workloads, List<FindingRecord> OpenFindings, bool AnyResolvedFindings)
{
    public static async Task<ScanBaseline> LoadAsync(KubeAdvisorDbContext db, Guid clusterId, CancellationToken ct)
    {
        var pool = new StringPool();
        // Workloads first: their uids and names are pooled too, so the digest observations' and open findings' copies
        // of them (one per row) become the same instances (decision 0038).
        var workloads = new List<WorkloadRecord>();
        await foreach (var w in db.Workloads.AsNoTracking().Where(w => w.ClusterId == clusterId).AsAsyncEnumerable().WithCancellation(ct))
        {
            w.Uid = pool.Get(w.Uid);
            w.Kind = pool.Get(w.Kind);
            w.Namespace = pool.Get(w.Namespace);
            w.Name = pool.Get(w.Name);
            w.AnnotationsJson = pool.Get(w.AnnotationsJson);
            w.LabelsJson = pool.Get(w.LabelsJson);
            workloads.Add(w);
        }

        var observations = new List<DigestObservation>();
        await foreach (var d in db.DigestObservations.AsNoTracking().Where(d => d.ClusterId == clusterId).AsAsyncEnumerable().WithCancellation(ct))
        {
            d.WorkloadUid = pool.Get(d.WorkloadUid);
            d.ContainerType = pool.Get(d.ContainerType);
            d.Container = pool.Get(d.Container);
            d.Image = pool.Get(d.Image);
            d.Digest = pool.Get(d.Digest);
            observations.Add(d);
        }

        var open = new List<FindingRecord>();
        var openRows = db.Findings.AsNoTracking().Where(f => f.ClusterId == clusterId && f.IsOpen).Select(f => new FindingRecord
        {
            Id = f.Id, ClusterId = f.ClusterId, WorkloadId = f.WorkloadId, Fingerprint = f.Fingerprint, Namespace = f.Namespace, Kind = f.Kind,
            WorkloadName = f.WorkloadName, Container = f.Container, ContainerType = f.ContainerType, Image = f.Image, PolicyId = f.PolicyId,
            Severity = f.Severity, Message = f.Message, Remediation = f.Remediation, IsOpen = f.IsOpen, FirstSeen = f.FirstSeen,
            LastSeen = f.LastSeen, ResolvedAt = f.ResolvedAt, LastScanId = f.LastScanId, Note = f.Note, TeamId = f.TeamId,
            IntroducedByScanId = f.IntroducedByScanId, FixedByScanId = f.FixedByScanId, // rewritten as read when the row changes
        });
        await foreach (var f in openRows.AsAsyncEnumerable().WithCancellation(ct))
        {
            f.Namespace = pool.Get(f.Namespace);
            f.Kind = pool.Get(f.Kind);
            f.WorkloadName = pool.Get(f.WorkloadName);
            f.Container = f.Container is null ? null : pool.Get(f.Container);
            f.Image = f.Image is null ? null : pool.Get(f.Image);
            f.PolicyId = pool.Get(f.PolicyId);
            f.Remediation = pool.Get(f.Remediation);
            open.Add(f);
        }

        var anyResolved = await db.Findings.AnyAsync(f => f.ClusterId == clusterId && !f.IsOpen, ct);
        return new ScanBaseline(clusterId, observations, workloads, open, anyResolved);
    }

    /// <summary>One instance per distinct text, for the columns whose values repeat across rows.</summary>
    private sealed class StringPool
    {
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

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
