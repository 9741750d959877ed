using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Namespaces;

/// <summary>
/// One namespace of one cluster: its current workloads, and its objects that are not workloads (decision 0033), with open
/// findings by severity, and its score. Namespace "" is the cluster-scoped objects' entry: scored from the scan's summaries,
/// since the "" score sample is the cluster's.
/// </summary>
public sealed class NamespaceQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    public sealed record WorkloadRow(Guid Id, string Kind, string Name, IReadOnlyDictionary<Severity, int> OpenBySeverity)
    {
        public int OpenFindings => OpenBySeverity.Values.Sum();

        public int WorstSeverity => OpenBySeverity.Count == 0 ? -1 : (int)OpenBySeverity.Keys.Max();
    }

    public sealed record Data(Guid ClusterId, string ClusterName, string Namespace, int? Score, Grade Grade, IReadOnlyList<WorkloadRow> Workloads)
    {
        /// <summary>Its objects that are not workloads (Ingresses, Roles, bindings, …), ordered as the workloads are.</summary>
        public IReadOnlyList<WorkloadRow> Objects { get; init; } = [];
    }

    /// <summary>null when the cluster does not exist.</summary>
    public async Task<Data?> LoadAsync(Guid clusterId, string ns, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId)
            .Select(c => new { c.Name, c.LastSucceededScanId }).FirstOrDefaultAsync(ct);
        if (cluster is null)
        {
            return null;
        }

        var sample = cluster.LastSucceededScanId is not { } scanId ? null
            : ns.Length > 0
                ? await db.ScoreSamples.AsNoTracking().Where(s => s.ScanId == scanId && s.Namespace == ns)
                    .Select(s => new Weights(s.PassedWeight, s.FailedWeight)).FirstOrDefaultAsync(ct)
                : await ClusterScopedAsync(db, scanId, ct);
        var workloads = await db.Workloads.AsNoTracking()
            .Where(w => w.ClusterId == clusterId && w.Namespace == ns && w.GoneAt == null)
            .Select(w => new { w.Id, w.Kind, w.Name })
            .ToListAsync(ct);
        var counts = await db.Findings.AsNoTracking()
            .Where(f => f.ClusterId == clusterId && f.Namespace == ns && f.IsOpen)
            .GroupBy(f => new { f.WorkloadId, f.Severity })
            .Select(g => new { g.Key.WorkloadId, g.Key.Severity, Count = g.Count() })
            .ToListAsync(ct);
        var byWorkload = counts.ToLookup(c => c.WorkloadId);
        var rows = workloads
            .Select(w => new WorkloadRow(w.Id, w.Kind, w.Name, byWorkload[w.Id].ToDictionary(c => c.Severity, c => c.Count)))
            .OrderByDescending(w => w.WorstSeverity).ThenByDescending(w => w.OpenFindings).ThenBy(w => w.Name, StringComparer.Ordinal)
            .ToLookup(w => ObjectKinds.IsObject(w.Kind));
        return new Data(clusterId, cluster.Name, ns,
            sample is null ? null : Scores.Whole(sample.PassedWeight, sample.FailedWeight),
            sample is null ? Grade.A : Scores.GradeOf(sample.PassedWeight, sample.FailedWeight),
            rows[false].ToList()) { Objects = rows[true].ToList() };
    }

    private sealed record Weights(double PassedWeight, double FailedWeight);

    // The cluster-scoped objects' score: their checks, summed from the scan's summaries (null when there were none).
    private static async Task<Weights?> ClusterScopedAsync(KubeAdvisorDbContext db, Guid scanId, CancellationToken ct)
    {
        var checks = await db.ScanSummaries.AsNoTracking().Where(s => s.ScanId == scanId && s.Namespace == "")
            .Select(s => new { s.Severity, s.Passed, s.Failed }).ToListAsync(ct);
        if (checks.Count == 0)
        {
            return null;
        }

        var (passed, failed) = ClusterScope.Weights(checks.Select(c => (c.Severity, c.Passed, c.Failed)));
        return new Weights(passed, failed);
    }
}
