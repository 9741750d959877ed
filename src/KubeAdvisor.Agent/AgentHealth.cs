namespace KubeAdvisor.Agent;

/// <summary>
/// What the health endpoint reports. Liveness only asks whether the work loop still turns (a heartbeat at every
/// step and wait); an unreachable server is not a reason to restart the pod, so it is reported, not failed on.
/// </summary>
public sealed class AgentHealth(TimeProvider time)
{
    private long _heartbeatTicks = time.GetUtcNow().UtcTicks;

    public DateTimeOffset? LastCollectedAt { get; private set; }

    public DateTimeOffset? LastDeliveredAt { get; private set; }

    public string? LastProblem { get; private set; }

    public bool Started { get; private set; }

    public DateTimeOffset Heartbeat => new(Interlocked.Read(ref _heartbeatTicks), TimeSpan.Zero);

    public void Beat() => Interlocked.Exchange(ref _heartbeatTicks, time.GetUtcNow().UtcTicks);

    public void Collected()
    {
        Started = true;
        LastCollectedAt = time.GetUtcNow();
        Beat();
    }

    public void Delivered()
    {
        LastDeliveredAt = time.GetUtcNow();
        LastProblem = null;
        Beat();
    }

    public void Problem(string message)
    {
        Started = true;
        LastProblem = message;
        Beat();
    }

    /// <summary>Alive when the loop beat within <paramref name="stallAfter"/> (a wait or a step never takes longer).</summary>
    public bool IsAlive(TimeSpan stallAfter) => time.GetUtcNow() - Heartbeat <= stallAfter;
}
