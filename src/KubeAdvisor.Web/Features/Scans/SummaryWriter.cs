using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>Per-scan detail: namespace × policy summaries and the cluster's and namespaces' score samples.</summary>
internal static class SummaryWriter
{
    public static async Task<ScoreCard> AddAsync(KubeAdvisorDbContext db, Guid clusterId, Guid scanId, EvaluationResult result, DateTimeOffset now, CancellationToken ct)
    {
        var summaries = new List<ScanSummary>();
        foreach (var g in result.Tallies.GroupBy(t => (t.Namespace, t.PolicyId)))
        {
            summaries.Add(new ScanSummary
            {
                ScanId = scanId, ClusterId = clusterId, At = now, Namespace = g.Key.Namespace, PolicyId = g.Key.PolicyId,
                Severity = g.First().Severity,
                Passed = g.Sum(t => t.Passed), Failed = g.Sum(t => t.Failed), Exempt = g.Sum(t => t.Exempt),
                Checks = g.Sum(t => t.Total),
            });
        }

        var cluster = result.ClusterScore();
        var samples = new List<ScoreSample> { Sample(clusterId, scanId, now, "", cluster) };
        samples.AddRange(result.ScoresByNamespace().Select(kv => Sample(clusterId, scanId, now, kv.Key, kv.Value)));
        await BulkCopy.InsertAsync(db, summaries, ct);
        await BulkCopy.InsertAsync(db, samples, ct);
        return cluster;
    }

    private static ScoreSample Sample(Guid clusterId, Guid scanId, DateTimeOffset now, string ns, ScoreCard card) => new()
    {
        ClusterId = clusterId, ScanId = scanId, At = now, Namespace = ns,
        Score = Math.Round(card.Score, 2), PassedWeight = card.PassedWeight, FailedWeight = card.FailedWeight, FailedChecks = (int)card.Failed,
    };
}
