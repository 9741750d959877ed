namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>
/// What the refresher compares every few seconds (one cheap statement, see <see cref="MetricsQueries.StampAsync"/>):
/// equal stamps mean no scan finished, started or was queued, no cluster came or went, no agent made contact and no
/// notification delivery changed, so nothing is re-read. A record with init properties so that EF maps the raw query
/// by column name and equality is by value.
/// </summary>
public sealed record MetricsStamp
{
    public int Clusters { get; init; }
    public DateTimeOffset? LastScanAt { get; init; }
    public DateTimeOffset? LastAgentContact { get; init; }
    public int ActiveScans { get; init; }
    public DateTimeOffset? LastFinished { get; init; }
    public long Deliveries { get; init; }
    public DateTimeOffset? LastDeliveryChange { get; init; }
}
