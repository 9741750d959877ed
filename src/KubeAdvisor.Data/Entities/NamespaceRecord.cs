namespace KubeAdvisor.Data.Entities;

/// <summary>A namespace as the last scan of its cluster saw it, with its labels (for ownership rules, re-resolved without a rescan).</summary>
public sealed class NamespaceRecord
{
    public Guid ClusterId { get; set; }
    public required string Name { get; set; }
    /// <summary>The namespace's labels as a JSON object.</summary>
    public string LabelsJson { get; set; } = "{}";
}
