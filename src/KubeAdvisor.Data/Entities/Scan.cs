namespace KubeAdvisor.Data.Entities;

/// <summary>One scan of one cluster: its trigger, status, timings, counts and an actionable error.</summary>
public sealed class Scan
{
    public Guid Id { get; set; }
    public Guid ClusterId { get; set; }
    public ScanTrigger Trigger { get; set; }
    public ScanStatus Status { get; set; }
    public string? RequestedBy { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Error { get; set; }
    /// <summary>
    /// Why a failed scan failed, one short stable word (ScanFailureReason in the Kubernetes project); null while not
    /// failed, and for scans failed before reasons were recorded. Exported as a metric label (docs/metrics.md).
    /// </summary>
    public string? FailureReason { get; set; }
    public int Attempts { get; set; }
    /// <summary>Attempts whose worker stopped mid-scan (process killed or stalled); each was started again.</summary>
    public int InterruptedAttempts { get; set; }
    /// <summary>Agent snapshot id; unique per cluster so a retried push makes no second scan.</summary>
    public string? SnapshotId { get; set; }
    public int Workloads { get; set; }
    public int Containers { get; set; }
    public int Checks { get; set; }
    public int Passed { get; set; }
    public int Failed { get; set; }
    public int Exempt { get; set; }
    public double? Score { get; set; }
    public int Introduced { get; set; }
    public int Fixed { get; set; }
    public double? CollectSeconds { get; set; }
    public double? StoreSeconds { get; set; }
    /// <summary>
    /// Kinds a succeeded scan could not list, with the status each answered (<c>poddisruptionbudgets.policy=403</c>,
    /// comma-separated); null for a complete scan. Written and read by UnavailableKinds only (decision 0018).
    /// </summary>
    public string? UnavailableKinds { get; set; }
}
