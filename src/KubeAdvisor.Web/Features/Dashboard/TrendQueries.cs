using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Dashboard;

/// <summary>
/// Score trends from daily_rollups (kept two years, one row per cluster × namespace × day), never from raw findings.
/// A day pools its clusters' average weights per scan, so a cluster scanned hourly does not outweigh one scanned daily.
/// When a scope has fewer than two days of rollups, the recent score_samples (one per scan) are used instead.
/// </summary>
public sealed class TrendQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory, TimeProvider time)
{
    public const int MaxSamples = 500;

    /// <param name="clusterId">null: every cluster pooled.</param>
    /// <param name="ns">"" for the cluster score, else one namespace.</param>
    public async Task<IReadOnlyList<TrendPoint>> ScoreTrendAsync(Guid? clusterId, string ns, int days, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var from = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-days));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rollups = db.DailyRollups.AsNoTracking().Where(r => r.Namespace == ns && r.Day >= from);
        if (clusterId is { } id)
        {
            rollups = rollups.Where(r => r.ClusterId == id);
        }

        var rows = await rollups
            .Select(r => new { r.Day, r.PassedWeight, r.FailedWeight, r.Scans })
            .ToListAsync(ct);
        var points = rows
            .GroupBy(r => r.Day)
            .OrderBy(g => g.Key)
            .Select(g => new TrendPoint(
                g.Key.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                Scores.Exact(g.Sum(r => r.PassedWeight / Math.Max(1, r.Scans)), g.Sum(r => r.FailedWeight / Math.Max(1, r.Scans)))))
            .ToList();
        if (points.Count >= 2 || clusterId is null)
        {
            return points;
        }

        var since = now.AddDays(-days);
        var samples = await db.ScoreSamples.AsNoTracking()
            .Where(s => s.ClusterId == clusterId && s.Namespace == ns && s.At >= since)
            .OrderByDescending(s => s.At)
            .Take(MaxSamples)
            .Select(s => new { s.At, s.PassedWeight, s.FailedWeight })
            .ToListAsync(ct);
        return samples.Count < points.Count
            ? points
            : samples.OrderBy(s => s.At).Select(s => new TrendPoint(s.At.UtcDateTime, Scores.Exact(s.PassedWeight, s.FailedWeight))).ToList();
    }
}
