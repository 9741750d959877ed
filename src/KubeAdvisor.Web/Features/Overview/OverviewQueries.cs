using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Overview;

/// <summary>
/// Everything the Overview shows, from the latest successful scan of each cluster (score_samples, scan_summaries),
/// the open findings counted per cluster × severity, and daily_rollups for sparklines and this week's changes.
/// </summary>
public sealed class OverviewQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory, TimeProvider time)
{
    public sealed record ClusterCard(
        Guid Id, string Name, bool IsDemo, ConnectionType Connection, int? Score, Grade Grade,
        IReadOnlyDictionary<Severity, int> OpenBySeverity, IReadOnlyList<double> Sparkline,
        DateTimeOffset? LastScanAt, ScanStatus? LastStatus, string? LastError);

    public sealed record Offender(Guid ClusterId, string ClusterName, string Name, int Failed);

    public sealed record Data(
        int? Score, Grade Grade, IReadOnlyList<ClusterCard> Clusters, IReadOnlyList<Offender> TopNamespaces,
        IReadOnlyList<Offender> TopPolicies, int IntroducedThisWeek, int FixedThisWeek);

    public async Task<Data> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = await db.Clusters.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new
            {
                c.Id, c.Name, c.IsDemo, c.ConnectionType, c.LastScanAt, c.LastSucceededScanId,
                // Scalar subqueries on the (ClusterId, QueuedAt) index: one row each, never the scan history.
                LastStatus = db.Scans.Where(s => s.ClusterId == c.Id).OrderByDescending(s => s.QueuedAt).Select(s => (ScanStatus?)s.Status).FirstOrDefault(),
                LastError = db.Scans.Where(s => s.ClusterId == c.Id).OrderByDescending(s => s.QueuedAt).Select(s => s.Error).FirstOrDefault(),
            })
            .ToListAsync(ct);
        if (clusters.Count == 0)
        {
            return new Data(null, Grade.A, [], [], [], 0, 0);
        }

        var scanIds = clusters.Where(c => c.LastSucceededScanId is not null).Select(c => c.LastSucceededScanId!.Value).ToList();
        var samples = await db.ScoreSamples.AsNoTracking()
            .Where(s => scanIds.Contains(s.ScanId))
            .Select(s => new { s.ClusterId, s.Namespace, s.PassedWeight, s.FailedWeight, s.FailedChecks })
            .ToListAsync(ct);
        var clusterSamples = samples.Where(s => s.Namespace == "").ToDictionary(s => s.ClusterId);

        var open = await db.Findings.AsNoTracking().Where(f => f.IsOpen)
            .GroupBy(f => new { f.ClusterId, f.Severity })
            .Select(g => new { g.Key.ClusterId, g.Key.Severity, Count = g.Count() })
            .ToListAsync(ct);

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var rollups = await db.DailyRollups.AsNoTracking()
            .Where(r => r.Namespace == "" && r.Day > today.AddDays(-30))
            .Select(r => new { r.ClusterId, r.Day, r.Score, r.Introduced, r.Fixed })
            .ToListAsync(ct);

        var names = clusters.ToDictionary(c => c.Id, c => c.Name);
        var cards = clusters.Select(c =>
        {
            var sample = clusterSamples.GetValueOrDefault(c.Id);
            return new ClusterCard(
                c.Id, c.Name, c.IsDemo, c.ConnectionType,
                sample is null ? null : Scores.Whole(sample.PassedWeight, sample.FailedWeight),
                sample is null ? Grade.A : Scores.GradeOf(sample.PassedWeight, sample.FailedWeight),
                open.Where(o => o.ClusterId == c.Id).ToDictionary(o => o.Severity, o => o.Count),
                rollups.Where(r => r.ClusterId == c.Id).OrderBy(r => r.Day).Select(r => Math.Round(r.Score, 1)).ToList(),
                c.LastScanAt, c.LastStatus, c.LastError);
        }).ToList();

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
        var week = rollups.Where(r => r.Day > today.AddDays(-7)).ToList();

        return new Data(
            clusterSamples.Count == 0 ? null : pooled.WholeScore, pooled.Grade, cards, topNamespaces,
            topPolicies.Select(p => new Offender(Guid.Empty, "", p.Policy, p.Failed)).ToList(),
            week.Sum(r => r.Introduced), week.Sum(r => r.Fixed));
    }
}
