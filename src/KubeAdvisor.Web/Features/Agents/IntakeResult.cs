namespace KubeAdvisor.Web.Features.Agents;

/// <summary>What happened to a pushed snapshot once it was read and valid.</summary>
/// <param name="Kind">Accepted, duplicate or refused for now.</param>
/// <param name="ScanId">The scan that evaluates (or evaluated) the snapshot; null when refused.</param>
/// <param name="RetryAfter">When refused: how long the agent should wait.</param>
/// <param name="Message">When refused: why.</param>
public sealed record IntakeResult(IntakeKind Kind, Guid? ScanId, TimeSpan? RetryAfter = null, string? Message = null);

/// <summary>Outcome of <see cref="AgentSnapshotIntake.AcceptAsync"/>.</summary>
public enum IntakeKind
{
    /// <summary>Stored and queued for evaluation (202).</summary>
    Accepted,
    /// <summary>This snapshot id was received before; nothing new was created (200, same scan id).</summary>
    Duplicate,
    /// <summary>Too soon after the last snapshot, or the last one is still being evaluated (429).</summary>
    TooSoon,
}
