using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Overview;

/// <summary>
/// The Overview's fleet-wide figures, from the latest successful scan of each cluster (score_samples, scan_summaries)
/// and daily_rollups for this week's changes. The clusters themselves are the fleet table's (FleetQueries).
/// </summary>
public sealed class OverviewQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory, TimeProvider time)
{
    public sealed record Offender(Guid ClusterId, string ClusterName, string Name, int Failed);

    public sealed record Data(
        int? Score, Grade Grade, int Clusters, IReadOnlyList<Offender> TopNamespaces,
        IReadOnlyList<Offender> TopPolicies, int IntroducedThisWeek, int FixedThisWeek);

    public async Task<Data> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = await db.Clusters.AsNoTracking().Select(c => new { c.Id, c.Name, c.LastSucceededScanId }).ToListAsync(ct);
        if (clusters.Count == 0)
        {
            return new Data(null, Grade.A, 0, [], [], 0, 0);
        }

        var scanIds = clusters.Where(c => c.LastSucceededScanId is not null).Select(c => c.LastSucceededScanId!.Value).ToList();
        var samples = await db.ScoreSamples.AsNoTracking()
            .Where(s => scanIds.Contains(s.ScanId))
            .Select(s => new { s.ClusterId, s.Namespace, s.PassedWeight, s.FailedWeight, s.FailedChecks })
            .ToListAsync(ct);
        var clusterSamples = samples.Where(s => s.Namespace == "").ToDictionary(s => s.ClusterId);

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var rollups = await db.DailyRollups.AsNoTracking()
            .Where(r => r.Namespace == "" && r.Day > today.AddDays(-7))
            .Select(r => new { r.Introduced, r.Fixed })
            .ToListAsync(ct);

        var names = clusters.ToDictionary(c => c.Id, c => c.Name);
        var pooled = clusterSamples.Values.Aggregate(ScoreCard.Empty, (card, s) => card + Scores.Card(s.PassedWeight, s.FailedWeight));
        var topNamespaces = samples.Where(s => s.Namespace != "" && s.FailedChecks > 0)
            .OrderByDescending(s => s.FailedWeight).ThenByDescending(s => s.FailedChecks).Take(5)
            .Select(s => new Offender(s.ClusterId, names[s.ClusterId], s.Namespace, s.FailedChecks))
            .ToList();
        var topPolicies = await db.ScanSummaries.AsNoTracking()
            .Where(s => scanIds.Contains(s.ScanId) && s.Failed > 0)
            .GroupBy(s => s.PolicyId)
            .Select(g => new { Policy = g.Key, Failed = g.Sum(s => s.Failed) })
            .OrderByDescending(g => g.Failed).Take(5)
            .ToListAsync(ct);

        return new Data(
            clusterSamples.Count == 0 ? null : pooled.WholeScore, pooled.Grade, clusters.Count, topNamespaces,
            topPolicies.Select(p => new Offender(Guid.Empty, "", p.Policy, p.Failed)).ToList(),
            rollups.Sum(r => r.Introduced), rollups.Sum(r => r.Fixed));
    }
}
