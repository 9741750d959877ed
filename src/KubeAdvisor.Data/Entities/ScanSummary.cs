using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Data.Entities;

/// <summary>Per-scan detail: checks of one namespace × policy. Kept for the detail retention period.</summary>
public sealed class ScanSummary
{
    public long Id { get; set; }
    public Guid ScanId { get; set; }
    public Guid ClusterId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Namespace { get; set; }
    public required string PolicyId { get; set; }
    /// <summary>Stored as its number (integer), see ScanSummaryConfiguration.</summary>
    public Severity Severity { get; set; }
    public int Checks { get; set; }
    public int Passed { get; set; }
    public int Failed { get; set; }
    public int Exempt { get; set; }
}
