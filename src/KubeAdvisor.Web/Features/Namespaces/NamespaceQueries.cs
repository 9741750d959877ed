using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Namespaces;

/// <summary>One namespace of one cluster: its current workloads with open findings by severity, and its score.</summary>
public sealed class NamespaceQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    public sealed record WorkloadRow(Guid Id, string Kind, string Name, IReadOnlyDictionary<Severity, int> OpenBySeverity)
    {
        public int OpenFindings => OpenBySeverity.Values.Sum();

        public int WorstSeverity => OpenBySeverity.Count == 0 ? -1 : (int)OpenBySeverity.Keys.Max();
    }

    public sealed record Data(Guid ClusterId, string ClusterName, string Namespace, int? Score, Grade Grade, IReadOnlyList<WorkloadRow> Workloads);

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

        var sample = cluster.LastSucceededScanId is { } scanId
            ? await db.ScoreSamples.AsNoTracking().Where(s => s.ScanId == scanId && s.Namespace == ns)
                .Select(s => new { s.PassedWeight, s.FailedWeight }).FirstOrDefaultAsync(ct)
            : null;
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
            .ToList();
        return new Data(clusterId, cluster.Name, ns,
            sample is null ? null : Scores.Whole(sample.PassedWeight, sample.FailedWeight),
            sample is null ? Grade.A : Scores.GradeOf(sample.PassedWeight, sample.FailedWeight),
            rows);
    }
}
