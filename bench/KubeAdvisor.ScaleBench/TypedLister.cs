using System.Diagnostics;
using k8s;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// The middle step between the raw download and the collector: the same paged lists through KubernetesClient's
/// typed calls (HTTP + JSON into V1 models), with the pages dropped instead of mapped into a snapshot. Splits the
/// scan's collect time into "deserialization by the client library" and "mapping + snapshot building".
/// </summary>
internal static class TypedLister
{
    public static async Task<(double Seconds, int Items)> ListAllAsync(IKubernetes k, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var items = 0;
        await k.Version.GetCodeAsync(ct);
        items += await PagesAsync(async c => { var l = await k.CoreV1.ListNamespaceAsync(limit: 500, continueParameter: c, cancellationToken: ct); return (l.Items.Count, l.Metadata.ContinueProperty); });
        items += await PagesAsync(async c => { var l = await k.AppsV1.ListDeploymentForAllNamespacesAsync(limit: 500, continueParameter: c, cancellationToken: ct); return (l.Items.Count, l.Metadata.ContinueProperty); });
        items += await PagesAsync(async c => { var l = await k.AppsV1.ListStatefulSetForAllNamespacesAsync(limit: 500, continueParameter: c, cancellationToken: ct); return (l.Items.Count, l.Metadata.ContinueProperty); });
        items += await PagesAsync(async c => { var l = await k.AppsV1.ListDaemonSetForAllNamespacesAsync(limit: 500, continueParameter: c, cancellationToken: ct); return (l.Items.Count, l.Metadata.ContinueProperty); });
        items += await PagesAsync(async c => { var l = await k.AppsV1.ListReplicaSetForAllNamespacesAsync(limit: 500, continueParameter: c, cancellationToken: ct); return (l.Items.Count, l.Metadata.ContinueProperty); });
        items += await PagesAsync(async c => { var l = await k.CoreV1.ListReplicationControllerForAllNamespacesAsync(limit: 500, continueParameter: c, cancellationToken: ct); return (l.Items.Count, l.Metadata.ContinueProperty); });
        items += await PagesAsync(async c => { var l = await k.BatchV1.ListJobForAllNamespacesAsync(limit: 500, continueParameter: c, cancellationToken: ct); return (l.Items.Count, l.Metadata.ContinueProperty); });
        items += await PagesAsync(async c => { var l = await k.BatchV1.ListCronJobForAllNamespacesAsync(limit: 500, continueParameter: c, cancellationToken: ct); return (l.Items.Count, l.Metadata.ContinueProperty); });
        items += await PagesAsync(async c => { var l = await k.CoreV1.ListPodForAllNamespacesAsync(limit: 500, continueParameter: c, cancellationToken: ct); return (l.Items.Count, l.Metadata.ContinueProperty); });
        items += await PagesAsync(async c => { var l = await k.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync(limit: 500, continueParameter: c, cancellationToken: ct); return (l.Items.Count, l.Metadata.ContinueProperty); });
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, items);
    }

    private static async Task<int> PagesAsync(Func<string?, Task<(int Count, string? Continue)>> page)
    {
        var total = 0;
        string? next = null;
        do
        {
            var (count, c) = await page(next);
            total += count;
            next = string.IsNullOrEmpty(c) ? null : c;
        }
        while (next is not null);
        return total;
    }
}
