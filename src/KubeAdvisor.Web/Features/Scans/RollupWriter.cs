using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// Daily rollups (kept two years): weights are summed over the day's scans, so a day's score is pooled over its
/// scans and several clusters' days pool by adding their per-scan averages.
/// </summary>
internal static class RollupWriter
{
    public static async Task AddAsync(KubeAdvisorDbContext db, Guid clusterId, EvaluationResult result, ScoreCard clusterCard,
        int introduced, int fixedCount, DateTimeOffset now, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var today = await db.DailyRollups.Where(r => r.ClusterId == clusterId && r.Day == day)
            .ToDictionaryAsync(r => r.Namespace, StringComparer.Ordinal, ct);

        Apply(db, today, clusterId, day, "", clusterCard, introduced, fixedCount);
        foreach (var (ns, card) in result.ScoresByNamespace())
        {
            Apply(db, today, clusterId, day, ns, card, 0, 0);
        }
    }

    private static void Apply(KubeAdvisorDbContext db, Dictionary<string, DailyRollup> today, Guid clusterId, DateOnly day, string ns,
        ScoreCard card, int introduced, int fixedCount)
    {
        if (!today.TryGetValue(ns, out var row))
        {
            row = new DailyRollup { ClusterId = clusterId, Day = day, Namespace = ns };
            db.DailyRollups.Add(row);
            today[ns] = row;
        }

        row.Scans++;
        row.PassedWeight += card.PassedWeight;
        row.FailedWeight += card.FailedWeight;
        row.FailedChecks = (int)card.Failed;
        row.Introduced += introduced;
        row.Fixed += fixedCount;
        var total = row.PassedWeight + row.FailedWeight;
        row.Score = total == 0 ? 100 : Math.Round(100 * row.PassedWeight / total, 2);
    }
}
