namespace KubeAdvisor.Web.Features.Dashboard;

/// <summary>
/// What a page's refresh poll compares: equal stamps mean nothing it shows has changed. A record, so equality is by
/// value; <see cref="ActiveScans"/> tells whether a scan is queued or running (the page then shows it as busy).
/// </summary>
public sealed record RefreshStamp(int Clusters, long? LastScanTicks, int ActiveScans, int SettingsHash);
