namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// The immutable inventory of one cluster at one moment: what the collector (kubeconfig scans) and the
/// agent both produce, and the only input of the evaluator.
/// </summary>
/// <param name="SnapshotId">Unique id of this snapshot (the agent's idempotency key; a scan sets its own).</param>
/// <param name="CollectedAt">When collection finished (UTC).</param>
/// <param name="KubernetesVersion">The API server's gitVersion, when known.</param>
/// <param name="Namespaces">Every namespace of the cluster.</param>
/// <param name="Workloads">Top-level workloads after owner resolution.</param>
/// <param name="PodDisruptionBudgets">PodDisruptionBudgets, for the reliability policies.</param>
public sealed record ClusterSnapshot(
    string SnapshotId,
    DateTimeOffset CollectedAt,
    string? KubernetesVersion,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<Workload> Workloads,
    IReadOnlyList<PodDisruptionBudget> PodDisruptionBudgets);
