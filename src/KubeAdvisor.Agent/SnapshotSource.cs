using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Transport;

namespace KubeAdvisor.Agent;

/// <summary>Collects the cluster with the shared <see cref="ClusterCollector"/> and serializes it once, gzip JSON.</summary>
public sealed class SnapshotSource(KubeApiConnection connection, TimeProvider time)
{
    /// <exception cref="ClusterScanException">Collection failed; the message says why (401, forbidden kind, network…).</exception>
    public async Task<PendingSnapshot> CollectAsync(CancellationToken ct)
    {
        var collector = new ClusterCollector(time, new ClusterCollectorOptions(RequestTimeout: connection.RequestTimeout));
        var snapshot = await collector.CollectAsync(connection, ct);
        var gzip = await SnapshotJson.ToGzipAsync(snapshot, ct);
        return new PendingSnapshot(snapshot.SnapshotId, snapshot.KubernetesVersion, snapshot.Workloads.Count, gzip);
    }
}
