namespace KubeAdvisor.Data.Entities;

/// <summary>
/// The score of a cluster (<see cref="Namespace"/> = "") or a namespace after one scan, with the weights it
/// came from so scores can be pooled across clusters.
/// </summary>
public sealed class ScoreSample
{
    public long Id { get; set; }
    public Guid ScanId { get; set; }
    public Guid ClusterId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Namespace { get; set; } = "";
    public double Score { get; set; }
    public double PassedWeight { get; set; }
    public double FailedWeight { get; set; }
    public int FailedChecks { get; set; }
}
