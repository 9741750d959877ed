namespace KubeAdvisor.Web.Features.Agents;

/// <summary>Whether an agent is heard from: offline once it missed three intervals in a row.</summary>
public static class AgentLiveness
{
    public const int MissedIntervalsForOffline = 3;

    public static AgentState StateOf(bool tokenActive, DateTimeOffset? lastContact, int intervalMinutes, DateTimeOffset now) =>
        !tokenActive ? AgentState.Revoked
        : lastContact is not { } last ? AgentState.NeverConnected
        : now - last > TimeSpan.FromMinutes(intervalMinutes * (double)MissedIntervalsForOffline) ? AgentState.Offline
        : AgentState.Online;
}

/// <summary>An agent connection's state as the page and the API show it.</summary>
public enum AgentState
{
    NeverConnected,
    Online,
    Offline,
    Revoked,
}
