namespace KubeAdvisor.Data.Entities;

/// <summary>
/// An ownership rule as stored (see OwnershipRule in Core): rules are tried by <see cref="Position"/>, the first that
/// matches names the owning team. A rule of one cluster applies only there; without a cluster, everywhere.
/// </summary>
public sealed class OwnershipRuleRecord
{
    public Guid Id { get; set; }
    public int Position { get; set; }
    public Guid TeamId { get; set; }
    public Guid? ClusterId { get; set; }

    /// <summary>Namespace names or globs (text[]); empty = any.</summary>
    public List<string> Namespaces { get; set; } = [];

    /// <summary><c>key=value-glob</c> a label of the namespace must match.</summary>
    public string? NamespaceLabel { get; set; }

    /// <summary>A workload label key or a kubeadvisor.io/ annotation key, and the glob its value must match (null = present).</summary>
    public string? WorkloadKey { get; set; }
    public string? WorkloadValue { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
