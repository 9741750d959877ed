namespace KubeAdvisor.Data.Entities;

/// <summary>
/// One day of a cluster's (<see cref="Namespace"/> = "") or namespace's scores, averaged over that day's scans.
/// Kept for two years; trends read these instead of raw scans.
/// </summary>
public sealed class DailyRollup
{
    public long Id { get; set; }
    public Guid ClusterId { get; set; }
    public DateOnly Day { get; set; }
    public string Namespace { get; set; } = "";
    public double Score { get; set; }
    public double PassedWeight { get; set; }
    public double FailedWeight { get; set; }
    public int FailedChecks { get; set; }
    public int Scans { get; set; }
    public int Introduced { get; set; }
    public int Fixed { get; set; }
}
