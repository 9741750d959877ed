using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>Open findings of one cluster × policy × severity, counted in SQL.</summary>
public sealed record FindingCountRow(Guid ClusterId, string PolicyId, Severity Severity, int Count);
