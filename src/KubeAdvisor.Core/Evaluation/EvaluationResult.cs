using KubeAdvisor.Core.Scoring;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>The outcome of evaluating one snapshot: findings (failed checks) and per workload × policy tallies.</summary>
/// <param name="Findings">
/// Failed checks, ordered by namespace, workload name, kind, uid, then container and policy id; then those of objects that
/// are not workloads (decision 0033), in the same order.
/// </param>
/// <param name="Tallies">Check counts per subject (workload, then object) × enabled policy, in the same order.</param>
public sealed record EvaluationResult(IReadOnlyList<Finding> Findings, IReadOnlyList<CheckTally> Tallies)
{
    /// <summary>
    /// Enabled policies that were not evaluated because they need a kind the snapshot could not list, by id. They
    /// have no tallies and no findings; their stored findings are left as they are (decision 0018).
    /// </summary>
    public IReadOnlyList<string> NotEvaluated { get; init; } = [];

    /// <summary>Checks each approved exception matched (made exempt), by exception id; exceptions that matched none are absent.</summary>
    public IReadOnlyDictionary<string, int> ExceptionHits { get; init; } = new Dictionary<string, int>();

    /// <summary>Total number of checks (passed + failed + exempt).</summary>
    public long TotalChecks => Tallies.Sum(t => (long)t.Total);

    /// <summary>The pooled score of the whole snapshot.</summary>
    public ScoreCard ClusterScore()
    {
        var card = ScoreCard.Empty;
        foreach (var tally in Tallies)
        {
            card = card.Add(tally.Severity, tally.Passed, tally.Failed, tally.Exempt);
        }

        return card;
    }

    /// <summary>Pooled scores by workload uid.</summary>
    public IReadOnlyDictionary<string, ScoreCard> ScoresByWorkload() => Group(t => t.WorkloadUid);

    /// <summary>
    /// Pooled scores by namespace. Checks of cluster-scoped objects (namespace "") count in the cluster's score only: they
    /// belong to no namespace, and "" is the key of the cluster's own score sample (decision 0033).
    /// </summary>
    public IReadOnlyDictionary<string, ScoreCard> ScoresByNamespace() => Group(t => t.Namespace, skipEmpty: true);

    private Dictionary<string, ScoreCard> Group(Func<CheckTally, string> key, bool skipEmpty = false)
    {
        var cards = new Dictionary<string, ScoreCard>(StringComparer.Ordinal);
        foreach (var tally in Tallies)
        {
            var k = key(tally);
            if (skipEmpty && k.Length == 0)
            {
                continue;
            }

            cards[k] = cards.GetValueOrDefault(k, ScoreCard.Empty).Add(tally.Severity, tally.Passed, tally.Failed, tally.Exempt);
        }

        return cards;
    }
}
