using System.Buffers;

namespace KubeAdvisor.Agent;

/// <summary>
/// One collection, serialized once: every retry sends these exact bytes, so the server sees the same snapshot id
/// and creates no second scan. <paramref name="Decisions"/> are the admission counts it carries, put back into the log
/// when it is not delivered.
/// </summary>
public sealed record PendingSnapshot(string SnapshotId, string? KubernetesVersion, int Workloads, ReadOnlySequence<byte> GzipJson)
{
    public IReadOnlyList<KubeAdvisor.Core.Admission.AdmissionDecisionCount> Decisions { get; init; } = [];
}
