using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;

namespace KubeAdvisor.Web.Features.Dashboard;

/// <summary>Score arithmetic shared by the dashboard pages (weights as stored → <see cref="ScoreCard"/>).</summary>
public static class Scores
{
    /// <summary>A card from stored weight sums (score_samples, daily_rollups keep them as double).</summary>
    public static ScoreCard Card(double passedWeight, double failedWeight) =>
        new((long)Math.Round(passedWeight), (long)Math.Round(failedWeight), 0, 0, 0);

    /// <summary>Score 0..100, rounded down as everywhere else so a displayed 90 is an A.</summary>
    public static int Whole(double passedWeight, double failedWeight) => Card(passedWeight, failedWeight).WholeScore;

    /// <summary>Exact score of (possibly averaged, fractional) weights; 100 when nothing was weighed.</summary>
    public static double Exact(double passedWeight, double failedWeight) =>
        passedWeight + failedWeight <= 0 ? 100d : 100d * passedWeight / (passedWeight + failedWeight);

    public static Grade GradeOf(double passedWeight, double failedWeight) => Card(passedWeight, failedWeight).Grade;

    public static string SeverityName(Severity severity) =>
        Enum.IsDefined(severity) ? severity.ToString().ToLowerInvariant() : "unknown";

    /// <summary>Severities from the most to the least severe, for columns and filters.</summary>
    public static IReadOnlyList<Severity> Descending { get; } =
        [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info];

    public static int WeightOf(Severity severity) => ScoreCard.WeightOf(severity);
}
