namespace KubeAdvisor.ScaleBench;

/// <summary>Median and p95 (nearest rank) of a set of durations in milliseconds.</summary>
internal sealed record Timings(double Median, double P95, double Min, double Max, int Count)
{
    public static Timings Of(IReadOnlyCollection<double> ms)
    {
        var sorted = ms.Order().ToArray();
        return new Timings(
            Percentile(sorted, 50), Percentile(sorted, 95), sorted[0], sorted[^1], sorted.Length);
    }

    private static double Percentile(double[] sorted, int p)
    {
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
