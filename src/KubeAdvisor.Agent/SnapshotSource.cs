using KubeAdvisor.Agent.Admission;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Transport;

namespace KubeAdvisor.Agent;

/// <summary>
/// Collects the cluster with the shared <see cref="ClusterCollector"/>, adds the admission decisions counted since the
/// previous snapshot, and serializes it once, gzip JSON, into chunks of ordinary size (<see cref="ChunkedBuffer"/>).
/// </summary>
public sealed class SnapshotSource(KubeApiConnection connection, AdmissionDecisionLog decisions, TimeProvider time)
{
    /// <exception cref="ClusterScanException">Collection failed; the message says why (401, forbidden kind, network…).</exception>
    public async Task<PendingSnapshot> CollectAsync(CancellationToken ct)
    {
        var collector = new ClusterCollector(time, new ClusterCollectorOptions(RequestTimeout: connection.RequestTimeout));
        var snapshot = await collector.CollectAsync(connection, ct);

        // The last page's I/O completion resumes the collector, and through it this method, synchronously; without a
        // yield the serialization below would run on that stack and keep the collector's state (the inventory
        // builder with every controller and pod group, the last page's buffers) alive until it ends.
        await Task.Yield();
        var counted = decisions.Drain();
        if (counted.Count > 0)
        {
            snapshot = snapshot with { AdmissionDecisions = counted };
        }

        try
        {
            await using var gzip = new ChunkedBuffer();
            await SnapshotJson.WriteGzipAsync(gzip, snapshot, ct);
            return new PendingSnapshot(snapshot.SnapshotId, snapshot.KubernetesVersion, snapshot.Workloads.Count, gzip.ToSequence()) { Decisions = counted };
        }
        catch
        {
            decisions.Restore(counted);
            throw;
        }
    }
}
