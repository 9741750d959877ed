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
        // Summed as the tallies stream by (a GroupBy would copy every workload's tally into its group first: at 50,000
        // workloads that is over a million of them). Groups keep the order of their first tally, as GroupBy's did.
        var summaries = new List<ScanSummary>();
        var byKey = new Dictionary<(string Namespace, string PolicyId), ScanSummary>();
        foreach (var t in result.Tallies)
        {
            if (!byKey.TryGetValue((t.Namespace, t.PolicyId), out var summary))
            {
                summary = new ScanSummary
                {
                    ScanId = scanId, ClusterId = clusterId, At = now, Namespace = t.Namespace, PolicyId = t.PolicyId, Severity = t.Severity,
                };
                byKey.Add((t.Namespace, t.PolicyId), summary);
                summaries.Add(summary);
            }

            summary.Passed += t.Passed;
            summary.Failed += t.Failed;
            summary.Exempt += t.Exempt;
            summary.Checks += t.Total;
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
