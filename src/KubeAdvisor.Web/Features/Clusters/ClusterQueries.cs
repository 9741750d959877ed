using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>Read side of clusters for the API and the cluster settings: score, grade, open findings, last scan, labels.</summary>
/// <remarks>
/// Four flat queries whatever the number of clusters, each on an index: the clusters with the id of their latest scan
/// (a scalar subquery on (ClusterId, QueuedAt), one index row per cluster), those scans by primary key, the score
/// samples of the last succeeded scans (by ScanId), and open findings counted on the partial open-findings index.
/// Projecting whole "latest" rows inside the cluster query instead made EF number every scan and every score sample of
/// the year (ROW_NUMBER() OVER (PARTITION BY …)): 2.1 s at 50 clusters × 1 year (issue #15, decision 0019).
/// </remarks>
public sealed class ClusterQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    public sealed record LastScan(Guid Id, string Status, string Trigger, DateTimeOffset QueuedAt, DateTimeOffset? FinishedAt, string? Error);

    public sealed record ClusterSummary(
        Guid Id, string Name, string ConnectionType, bool IsDemo, string? ServerUrl, string? Context, int ScanIntervalMinutes,
        string? KubernetesVersion, double? Score, string? Grade, int OpenFindings, LastScan? LastScan,
        DateTimeOffset? AgentLastContactAt, string? AgentVersion, IReadOnlyDictionary<string, string> Labels);

    public Task<IReadOnlyList<ClusterSummary>> ListAsync(CancellationToken ct) => LoadAsync(null, ct);

    /// <summary>One cluster, or null when there is no such cluster.</summary>
    public async Task<ClusterSummary?> FindAsync(Guid id, CancellationToken ct) => (await LoadAsync(id, ct)).SingleOrDefault();

    private async Task<IReadOnlyList<ClusterSummary>> LoadAsync(Guid? only, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = db.Clusters.AsNoTracking();
        var findings = db.Findings.AsNoTracking().Where(f => f.IsOpen);
        if (only is { } id)
        {
            clusters = clusters.Where(c => c.Id == id);
            findings = findings.Where(f => f.ClusterId == id);
        }

        var rows = await clusters.OrderBy(c => c.Name).Select(c => new
        {
            c.Id, c.Name, c.ConnectionType, c.IsDemo, c.ServerUrl, c.Context, c.ScanIntervalMinutes, c.KubernetesVersion,
            c.AgentLastContactAt, c.AgentVersion, c.LastSucceededScanId, c.LabelsJson,
            LastScanId = db.Scans.Where(s => s.ClusterId == c.Id).OrderByDescending(s => s.QueuedAt).Select(s => (Guid?)s.Id).FirstOrDefault(),
        }).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }

        var lastIds = rows.Select(r => r.LastScanId).OfType<Guid>().ToList();
        var last = await db.Scans.AsNoTracking().Where(s => lastIds.Contains(s.Id))
            .Select(s => new LastScan(s.Id, s.Status.ToString(), s.Trigger.ToString(), s.QueuedAt, s.FinishedAt, s.Error))
            .ToDictionaryAsync(s => s.Id, ct);
        var succeededIds = rows.Select(r => r.LastSucceededScanId).OfType<Guid>().ToList();
        var samples = await db.ScoreSamples.AsNoTracking().Where(s => succeededIds.Contains(s.ScanId) && s.Namespace == "")
            .Select(s => new { s.ScanId, s.Score, s.PassedWeight, s.FailedWeight })
            .ToDictionaryAsync(s => s.ScanId, ct);
        var open = await findings.GroupBy(f => f.ClusterId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        return rows.Select(r =>
        {
            var sample = r.LastSucceededScanId is { } s ? samples.GetValueOrDefault(s) : null;
            return new ClusterSummary(
                r.Id, r.Name, r.ConnectionType.ToString(), r.IsDemo, r.ServerUrl, r.Context, r.ScanIntervalMinutes, r.KubernetesVersion,
                sample?.Score,
                sample is null ? null : Dashboard.Scores.GradeOf(sample.PassedWeight, sample.FailedWeight).ToString(),
                open.GetValueOrDefault(r.Id),
                r.LastScanId is { } l ? last.GetValueOrDefault(l) : null,
                r.AgentLastContactAt, r.AgentVersion, ClusterLabels.FromJson(r.LabelsJson));
        }).ToList();
    }

    public static string StatusText(ScanStatus status) => status.ToString().ToLowerInvariant();
}
