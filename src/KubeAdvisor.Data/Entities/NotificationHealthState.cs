namespace KubeAdvisor.Data.Entities;

/// <summary>
/// The last scan-health state a route saw for a cluster (<c>healthy</c>, <c>scan-failed</c>, <c>scan-partial</c>,
/// <c>agent-offline</c>): a scan-health message goes out when it changes, not once per scan.
/// </summary>
public sealed class NotificationHealthState
{
    public Guid RouteId { get; set; }
    public Guid ClusterId { get; set; }
    public required string State { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
