namespace KubeAdvisor.Data.Entities;

/// <summary>A top-level workload as last seen by a scan of its cluster.</summary>
public sealed class WorkloadRecord
{
    public Guid Id { get; set; }
    public Guid ClusterId { get; set; }
    public required string Uid { get; set; }
    public required string Kind { get; set; }
    public required string Namespace { get; set; }
    public required string Name { get; set; }
    /// <summary>Annotations of the object and template that matter (exemptions), as JSON.</summary>
    public string AnnotationsJson { get; set; } = "{}";
    /// <summary>Labels of the object over those of its pod template, as JSON (for ownership rules).</summary>
    public string LabelsJson { get; set; } = "{}";
    /// <summary>The owning team as the ownership rules resolve it; null = unowned.</summary>
    public Guid? TeamId { get; set; }
    /// <summary>Containers (name, type, image, pull policy) as JSON.</summary>
    public string ContainersJson { get; set; } = "[]";
    public int? Replicas { get; set; }
    public DateTimeOffset FirstSeen { get; set; }

    /// <summary>
    /// Final once gone: the last scan that saw it. While present, scans do not rewrite it (a present workload was seen
    /// by the cluster's last succeeded scan; readers use that, see LastSucceededScan in the web project).
    /// </summary>
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>Set when a scan no longer saw it.</summary>
    public DateTimeOffset? GoneAt { get; set; }
}
