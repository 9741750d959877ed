namespace KubeAdvisor.Web.Features.Dashboard;

/// <summary>One point of a score trend (UTC).</summary>
public sealed record TrendPoint(DateTime At, double Score);
