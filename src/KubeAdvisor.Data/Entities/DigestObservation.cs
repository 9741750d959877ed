namespace KubeAdvisor.Data.Entities;

/// <summary>
/// One digest that ran for one container of one workload under one image string: the digest history that turns
/// a moved tag into a one-line pin. A row is written when it first runs, when its pod count changes, and when it
/// stops running (<see cref="GoneAt"/>); scans do not rewrite rows that run on unchanged.
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

    /// <summary>
    /// Final once <see cref="GoneAt"/> is set: the last scan that saw it running. While it runs, scans do not rewrite
    /// it: a running digest was seen by the cluster's last succeeded scan (readers use that, see LastSucceededScan in
    /// the web project).
    /// </summary>
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>As <see cref="LastSeen"/>: the scan that last saw it, final once gone.</summary>
    public Guid LastScanId { get; set; }

    public int PodCount { get; set; }

    /// <summary>Set when a scan no longer saw it running; null while it runs.</summary>
    public DateTimeOffset? GoneAt { get; set; }
}
