using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Scoring;

/// <summary>
/// Pooled check counts and severity weights of any scope (workload, namespace, cluster, several clusters).
/// score = 100 × Σ weight(passed) / Σ weight(passed + failed); 100 when the weighted total is 0.
/// Combining cards pools the checks (it is not an average of scores). See docs/scoring.md.
/// </summary>
/// <param name="PassedWeight">Σ weight of passed checks.</param>
/// <param name="FailedWeight">Σ weight of failed checks.</param>
/// <param name="Passed">Number of passed checks.</param>
/// <param name="Failed">Number of failed checks.</param>
/// <param name="Exempt">Number of exempt (skipped) checks; never scored.</param>
public readonly record struct ScoreCard(long PassedWeight, long FailedWeight, long Passed, long Failed, long Exempt)
{
    /// <summary>No checks: score 100, grade A.</summary>
    public static ScoreCard Empty => default;

    /// <summary>Score from 0 to 100 (exact; display <see cref="WholeScore"/>, which agrees with <see cref="Grade"/>).</summary>
    public double Score => TotalWeight == 0 ? 100d : 100d * PassedWeight / TotalWeight;

    /// <summary>The score rounded down, so a displayed 90 is always an A.</summary>
    public int WholeScore => TotalWeight == 0 ? 100 : (int)(100 * PassedWeight / TotalWeight);

    /// <summary>Letter grade, computed exactly in integers (no floating-point edge at 90, 80, …).</summary>
    public Grade Grade =>
        AtLeast(90) ? Grade.A : AtLeast(80) ? Grade.B : AtLeast(70) ? Grade.C : AtLeast(60) ? Grade.D : Grade.F;

    /// <summary>Σ weight(passed + failed).</summary>
    public long TotalWeight => PassedWeight + FailedWeight;

    /// <summary>Score weight of a severity: critical 5, high 3, medium 2, low 1, info 0.</summary>
    public static int WeightOf(Severity severity) => severity switch
    {
        Severity.Critical => 5,
        Severity.High => 3,
        Severity.Medium => 2,
        Severity.Low => 1,
        _ => 0,
    };

    /// <summary>Pools two cards.</summary>
    public static ScoreCard operator +(ScoreCard left, ScoreCard right) => left.Add(right);

    /// <summary>Pools many cards (e.g. clusters into a fleet score).</summary>
    public static ScoreCard Pool(IEnumerable<ScoreCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var pooled = Empty;
        foreach (var card in cards)
        {
            pooled = pooled.Add(card);
        }

        return pooled;
    }

    /// <summary>Adds checks of one severity.</summary>
    public ScoreCard Add(Severity severity, long passed, long failed, long exempt = 0)
    {
        var weight = WeightOf(severity);
        return new ScoreCard(
            PassedWeight + (weight * passed),
            FailedWeight + (weight * failed),
            Passed + passed,
            Failed + failed,
            Exempt + exempt);
    }

    /// <summary>Pools another card into this one.</summary>
    public ScoreCard Add(ScoreCard other) => new(
        PassedWeight + other.PassedWeight,
        FailedWeight + other.FailedWeight,
        Passed + other.Passed,
        Failed + other.Failed,
        Exempt + other.Exempt);

    private bool AtLeast(int threshold) => TotalWeight == 0 || 100 * PassedWeight >= threshold * TotalWeight;
}
