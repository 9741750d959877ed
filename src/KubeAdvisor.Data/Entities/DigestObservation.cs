namespace KubeAdvisor.Data.Entities;

/// <summary>
/// One digest that ran for one container of one workload under one image string: the digest history that turns
/// a moved tag into a one-line pin. First/last seen move with the scans that observed it.
/// </summary>
public sealed class DigestObservation
{
    public long Id { get; set; }
    public Guid ClusterId { get; set; }
    public required string WorkloadUid { get; set; }
    public required string ContainerType { get; set; }
    public required string Container { get; set; }
    public required string Image { get; set; }
    public required string Digest { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public Guid LastScanId { get; set; }
    public int PodCount { get; set; }
}
