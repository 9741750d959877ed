namespace KubeAdvisor.Agent;

/// <summary>
/// Exponential backoff with "equal jitter": attempt n waits between half and all of min(max, first × 2^(n-1)), so
/// many agents cut off by the same outage do not come back in lockstep, yet none retries sooner than half the step.
/// </summary>
public sealed class Backoff(TimeSpan first, TimeSpan max, Random random)
{
    /// <summary>The delay before retry number <paramref name="attempt"/> (1 = the first retry).</summary>
    public TimeSpan Delay(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var step = Math.Min(max.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds((step / 2) + (random.NextDouble() * step / 2));
    }
}
