namespace KubeAdvisor.Core.Inventory;

/// <summary>A pod volume; <see cref="HostPath"/> is set for hostPath volumes only.</summary>
public sealed record Volume(string Name, string? HostPath);
