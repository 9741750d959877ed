namespace KubeAdvisor.Agent;

/// <summary>
/// One collection, serialized once: every retry sends these exact bytes, so the server sees the same snapshot id
/// and creates no second scan.
/// </summary>
public sealed record PendingSnapshot(string SnapshotId, string? KubernetesVersion, int Workloads, byte[] GzipJson);
