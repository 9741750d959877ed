using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies;

/// <summary>What a workload policy sees: the workload, the whole snapshot (for PodDisruptionBudgets) and parameters.</summary>
/// <param name="Workload">The workload being judged.</param>
/// <param name="Snapshot">The snapshot it belongs to.</param>
/// <param name="Parameters">The cluster's policy parameters.</param>
public readonly record struct WorkloadContext(
    Workload Workload,
    ClusterSnapshot Snapshot,
    PolicyParameters Parameters)
{
    /// <summary>The workload's pod spec.</summary>
    public PodSpec Pod => Workload.Template.Spec;
}
