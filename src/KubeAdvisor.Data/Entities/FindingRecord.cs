namespace KubeAdvisor.Data.Entities;

/// <summary>
/// A failed check with a lifecycle: opened when first seen, resolved when a scan no longer reports it,
/// reopened when it comes back. Identity is <see cref="Fingerprint"/> within the cluster.
/// </summary>
public sealed class FindingRecord
{
    public long Id { get; set; }
    public Guid ClusterId { get; set; }
    public Guid WorkloadId { get; set; }
    public required string Fingerprint { get; set; }
    public required string Namespace { get; set; }
    public required string Kind { get; set; }
    public required string WorkloadName { get; set; }
    public string? Container { get; set; }
    public string? ContainerType { get; set; }
    public string? Image { get; set; }
    public required string PolicyId { get; set; }
    public int Severity { get; set; }
    public required string Message { get; set; }
    public required string Remediation { get; set; }
    public bool IsOpen { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public Guid LastScanId { get; set; }
}
