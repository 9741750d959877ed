namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>A cluster's scan health as scan-health routes see it (names are part of the webhook schema).</summary>
public static class HealthStates
{
    /// <summary>The last finished scan succeeded and saw every kind.</summary>
    public const string Healthy = "healthy";

    /// <summary>The last finished scan failed.</summary>
    public const string ScanFailed = "scan-failed";

    /// <summary>The last finished scan succeeded but could not list some kinds (decision 0018).</summary>
    public const string ScanPartial = "scan-partial";

    /// <summary>The cluster's agent missed three intervals (AgentLiveness); it wins over the scans' state.</summary>
    public const string AgentOffline = "agent-offline";
}
