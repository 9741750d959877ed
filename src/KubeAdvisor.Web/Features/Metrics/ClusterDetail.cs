namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>What the refresher keeps per cluster until its last succeeded scan changes: namespace scores and open findings.</summary>
/// <param name="ScanId">The last succeeded scan these were read for.</param>
public sealed record ClusterDetail(Guid? ScanId, IReadOnlyList<NamespaceScoreRow> Namespaces, IReadOnlyList<FindingCountRow> Findings);
