namespace KubeAdvisor.Web.Features.Agents;

/// <summary>An agent-connected cluster as its page and <c>GET /api/v1/clusters/{id}/agent</c> show it.</summary>
public sealed record AgentStatus(
    Guid ClusterId,
    string Name,
    AgentState State,
    bool TokenActive,
    string? AgentVersion,
    string? KubernetesVersion,
    int IntervalMinutes,
    DateTimeOffset? LastContactAt,
    DateTimeOffset? LastSnapshotAt,
    AgentStatus.Scan? LastScan)
{
    /// <summary>True after <see cref="AgentLiveness.MissedIntervalsForOffline"/> missed intervals.</summary>
    public bool Offline => State == AgentState.Offline;

    /// <summary>The latest scan made from a pushed snapshot.</summary>
    public sealed record Scan(Guid Id, string Status, DateTimeOffset QueuedAt, DateTimeOffset? FinishedAt, string? Error);
}
