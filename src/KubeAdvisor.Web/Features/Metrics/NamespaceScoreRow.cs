namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>
/// A namespace score of a cluster's last succeeded scan, or (<see cref="Namespace"/> null) the pooled score of the
/// namespaces beyond the worst N. Read by <see cref="MetricsQueries.NamespacesAsync"/>, mapped by column name.
/// </summary>
public sealed record NamespaceScoreRow
{
    public Guid ClusterId { get; init; }
    public string? Namespace { get; init; }
    public double Score { get; init; }
    public double PassedWeight { get; init; }
    public double FailedWeight { get; init; }
    public int Count { get; init; }
}
