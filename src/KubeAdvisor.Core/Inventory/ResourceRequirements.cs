namespace KubeAdvisor.Core.Inventory;

/// <summary>Container requests and limits as written (e.g. "250m", "512Mi"); null when unset.</summary>
public sealed record ResourceRequirements(
    string? CpuRequest,
    string? MemoryRequest,
    string? CpuLimit,
    string? MemoryLimit)
{
    /// <summary>No requests or limits at all.</summary>
    public static readonly ResourceRequirements None = new(null, null, null, null);
}
