using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Web.Features.Scans;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// <c>--breakdown 1</c> (issue #15): what stays alive during an update scan, piece by piece: the managed heap after a
/// full blocking collection once the previous state is read, once the snapshot is collected, once it is evaluated.
/// The peak RSS of a scan is this live set plus what the collector lets grow between collections.
/// </summary>
internal static class LiveHeapBreakdown
{
    public static async Task PrintAsync(ScanProcessor processor, KubeAdvisor.Kubernetes.Kubeconfig.ValidatedKubeconfig config, Guid clusterId, CancellationToken ct)
    {
        var start = Live();
        var baseline = await processor.PrefetchAsync(clusterId, ct);
        var afterBaseline = Live();
        using var client = KubeAdvisor.Kubernetes.Kubeconfig.KubernetesClientFactory.CreateClient(config, TimeSpan.FromMinutes(5));
        var snapshot = await new ClusterCollector(TimeProvider.System).CollectAsync(client, ct);
        var afterSnapshot = Live();
        var result = PolicyEvaluator.Evaluate(snapshot, ClusterPolicySettings.Default);
        var afterEvaluate = Live();
        Console.WriteLine($"live heap: {start:0} MiB before; previous state +{afterBaseline - start:0} MiB ({baseline.Workloads.Count} workloads, "
            + $"{baseline.OpenFindings.Count} open findings, {baseline.Observations.Count} digest observations); snapshot +{afterSnapshot - afterBaseline:0} MiB "
            + $"({snapshot.Workloads.Count} workloads); evaluation +{afterEvaluate - afterSnapshot:0} MiB ({result.Findings.Count} findings, "
            + $"{result.Tallies.Count} tallies); RSS now {ProcessMemory.CurrentMiB():0} MiB");
        GC.KeepAlive(baseline);
        GC.KeepAlive(snapshot);
        GC.KeepAlive(result);
    }

    private static double Live() => GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
}
