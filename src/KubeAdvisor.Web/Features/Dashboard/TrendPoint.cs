namespace KubeAdvisor.Web.Features.Dashboard;

/// <summary>
/// One point of a score trend: a scan's time, or a day's midnight (UTC). The API's /trend answers these as they are
/// (at, score, failedChecks), so its numbers and the dashboard's charts are the same.
/// </summary>
public sealed record TrendPoint(DateTimeOffset At, double Score, int FailedChecks);
