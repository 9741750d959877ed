using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Web.Features.Scans;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// <c>--breakdown 1</c> (issue #15): what stays alive during an update scan, piece by piece: the managed heap after a
/// full blocking collection once the snapshot is collected, once the previous state is read, once it is evaluated.
/// The peak RSS of a scan is this live set plus what the collector lets grow between collections. The previous state is
/// also measured on its own, as the live heap with it held minus the live heap once it is let go (decision 0041): the
/// "+" figures only count what became live in between, which a live heap still shrinking from the scans before can hide.
/// </summary>
internal static class LiveHeapBreakdown
{
    public static async Task PrintAsync(ScanProcessor processor, KubeAdvisor.Kubernetes.Kubeconfig.ValidatedKubeconfig config, Guid clusterId, CancellationToken ct)
    {
        var alone = await PreviousStateAloneAsync(processor, clusterId, ct);
        await Task.Yield(); // off the stack of the read's last I/O callback, whose frames hold what it completed with (decision 0038)
        var start = Live();
        using var client = KubeAdvisor.Kubernetes.Kubeconfig.KubernetesClientFactory.CreateClient(config, TimeSpan.FromMinutes(5));
        var snapshot = await new ClusterCollector(TimeProvider.System).CollectAsync(client, ct);
        var afterSnapshot = Live();
        // Read after collecting, as ScanJob reads a large cluster's previous state (decision 0038), sharing the snapshot's strings.
        var baseline = await processor.PrefetchAsync(clusterId, ct, snapshot);
        await Task.Yield();
        var afterBaseline = Live();
        var result = PolicyEvaluator.Evaluate(snapshot, ClusterPolicySettings.Default);
        var afterEvaluate = Live();
        Console.WriteLine($"live heap: {start:0} MiB before; snapshot +{afterSnapshot - start:0} MiB ({snapshot.Workloads.Count} workloads); previous state "
            + $"+{afterBaseline - afterSnapshot:0} MiB read after it ({baseline.Workloads.Count} workloads, {baseline.OpenFindings.Count} open findings, "
            + $"{baseline.Observations.Count} digest observations; {alone:0.0} MiB held alone); evaluation +{afterEvaluate - afterBaseline:0} MiB "
            + $"({result.Findings.Count} findings, {result.Tallies.Count} tallies); RSS now {ProcessMemory.CurrentMiB():0} MiB");
        GC.KeepAlive(baseline);
        GC.KeepAlive(snapshot);
        GC.KeepAlive(result);
    }

    private static async Task<double> PreviousStateAloneAsync(ScanProcessor processor, Guid clusterId, CancellationToken ct)
    {
        var holder = new ScanBaseline?[] { await processor.PrefetchAsync(clusterId, ct) };
        await Task.Yield();
        var held = Live();
        holder[0] = null;
        return held - Live();
    }

    private static double Live() => GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
}
