namespace KubeAdvisor.Data.Entities;

/// <summary>
/// A snapshot pushed by an in-cluster agent, stored as received (gzip JSON) until the evaluation job has
/// processed it. Unique per cluster and snapshot id, so a retried push is recognised.
/// </summary>
public sealed class AgentSnapshot
{
    public Guid Id { get; set; }
    public Guid ClusterId { get; set; }
    public required string SnapshotId { get; set; }
    public Guid ScanId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string? AgentVersion { get; set; }
    public int CompressedBytes { get; set; }
    /// <summary>The gzip body until evaluated; emptied after success and after failure alike.</summary>
    public required byte[] Payload { get; set; }

    /// <summary>SHA-256 (hex) of the received body, kept after the payload is emptied.</summary>
    public string? PayloadSha256 { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
}
