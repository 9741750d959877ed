using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Dashboard;

/// <summary>
/// The one trend definition, for the dashboard's charts and the API's /trend: per scan the score_samples, per day the
/// daily_rollups (kept two years), with the score each scan stored (decision 0013). Only a trend pooled over every
/// cluster has no stored score: a day pools its clusters' average weights per scan, so a cluster scanned hourly does
/// not outweigh one scanned daily.
/// </summary>
public sealed class TrendQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory, TimeProvider time)
{
    public const int MaxSamples = 500;

    /// <summary>One point per day of the last <paramref name="days"/> days.</summary>
    /// <param name="clusterId">null: every cluster pooled.</param>
    /// <param name="ns">"" for the cluster score, else one namespace.</param>
    public async Task<IReadOnlyList<TrendPoint>> ByDayAsync(Guid? clusterId, string ns, int days, CancellationToken ct = default)
    {
        var from = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(-days));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The cluster rows ("" namespace) are asked with a literal, so the planner may use their partial index.
        var rollups = ns.Length == 0
            ? db.DailyRollups.AsNoTracking().Where(r => r.Namespace == "" && r.Day >= from)
            : db.DailyRollups.AsNoTracking().Where(r => r.Namespace == ns && r.Day >= from);
        if (clusterId is { } id)
        {
            return (await rollups.Where(r => r.ClusterId == id).OrderBy(r => r.Day)
                    .Select(r => new { r.Day, r.Score, r.FailedChecks }).ToListAsync(ct))
                .Select(r => new TrendPoint(Midnight(r.Day), r.Score, r.FailedChecks)).ToList();
        }

        // Pooled in SQL: one row per day comes back, not one per cluster and day (500 clusters × 90 days at the fleet bench).
        var pooled = await rollups.GroupBy(r => r.Day).Select(g => new
            {
                Day = g.Key,
                Passed = g.Sum(r => r.PassedWeight / (r.Scans > 1 ? r.Scans : 1)),
                Failed = g.Sum(r => r.FailedWeight / (r.Scans > 1 ? r.Scans : 1)),
                FailedChecks = g.Sum(r => r.FailedChecks),
            })
            .OrderBy(d => d.Day).ToListAsync(ct);
        return pooled.Select(d => new TrendPoint(Midnight(d.Day), Scores.Exact(d.Passed, d.Failed), d.FailedChecks)).ToList();
    }

    /// <summary>One point per successful scan of the last <paramref name="days"/> days, oldest first.</summary>
    /// <param name="latest">At most this many of the latest scans (all when null).</param>
    public async Task<IReadOnlyList<TrendPoint>> ByScanAsync(Guid clusterId, string ns, int days, CancellationToken ct = default, int? latest = null)
    {
        var since = time.GetUtcNow().AddDays(-days);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var samples = db.ScoreSamples.AsNoTracking().Where(s => s.ClusterId == clusterId && s.Namespace == ns && s.At >= since);
        if (latest is { } n)
        {
            samples = samples.OrderByDescending(s => s.At).Take(n);
        }

        return (await samples.Select(s => new { s.At, s.Score, s.FailedChecks }).ToListAsync(ct))
            .OrderBy(s => s.At).Select(s => new TrendPoint(s.At, s.Score, s.FailedChecks)).ToList();
    }

    /// <summary>
    /// The dashboard's chart: per day; when one cluster's scope has fewer than two days of rollups, its recent scans
    /// (up to <see cref="MaxSamples"/>) instead, so a new cluster shows a line.
    /// </summary>
    public async Task<IReadOnlyList<TrendPoint>> ScoreTrendAsync(Guid? clusterId, string ns, int days, CancellationToken ct = default)
    {
        var points = await ByDayAsync(clusterId, ns, days, ct);
        if (points.Count >= 2 || clusterId is not { } id)
        {
            return points;
        }

        var samples = await ByScanAsync(id, ns, days, ct, MaxSamples);
        return samples.Count < points.Count ? points : samples;
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
