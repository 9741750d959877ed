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
/// </summary>
public sealed record ScanBaseline(
    Guid ClusterId, List<DigestObservation> Observations, List<WorkloadRecord> Workloads, List<FindingRecord> OpenFindings, bool AnyResolvedFindings)
{
    public static async Task<ScanBaseline> LoadAsync(KubeAdvisorDbContext db, Guid clusterId, CancellationToken ct)
    {
        var observations = await db.DigestObservations.AsNoTracking().Where(d => d.ClusterId == clusterId).ToListAsync(ct);
        var workloads = await db.Workloads.AsNoTracking().Where(w => w.ClusterId == clusterId).ToListAsync(ct);
        var open = await db.Findings.AsNoTracking().Where(f => f.ClusterId == clusterId && f.IsOpen).ToListAsync(ct);
        var anyResolved = await db.Findings.AnyAsync(f => f.ClusterId == clusterId && !f.IsOpen, ct);
        return new ScanBaseline(clusterId, observations, workloads, open, anyResolved);
    }
}
