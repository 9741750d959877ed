using KubeAdvisor.Core.Scoring;

namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>One cluster as the metrics show it: score and grade of its last succeeded scan, last scans, agent contact.</summary>
/// <param name="Score">The stored score of the last succeeded scan (as the API's <c>score</c>); null before any.</param>
/// <param name="LastFinishedSucceeded">Whether the latest finished scan succeeded; null before any finished.</param>
public sealed record ClusterMetricRow(
    Guid Id, string Name, bool IsAgent, Guid? LastSucceededScanId, double? Score, Grade? Grade,
    DateTimeOffset? LastFinishedAt, bool? LastFinishedSucceeded, DateTimeOffset? LastSuccessAt, DateTimeOffset? AgentLastContactAt);
