using k8s;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Kubernetes.Mapping;

namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>One list the collector reads: its resource name (as RBAC spells it) and how to fetch a page.</summary>
internal sealed record ScannedKind(
    string Resource,
    Func<IKubernetes, int, string?, CancellationToken, Task<ScannedPage>> ListAsync)
{
    public static readonly IReadOnlyList<ScannedKind> All =
    [
        new("namespaces", async (k, l, c, ct) => Page(await k.CoreV1.ListNamespaceAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.AddNamespace(o.Metadata.Name))),
        new("deployments.apps", async (k, l, c, ct) => Page(await k.AppsV1.ListDeploymentForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o)))),
        new("statefulsets.apps", async (k, l, c, ct) => Page(await k.AppsV1.ListStatefulSetForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o)))),
        new("daemonsets.apps", async (k, l, c, ct) => Page(await k.AppsV1.ListDaemonSetForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o)))),
        new("replicasets.apps", async (k, l, c, ct) => Page(await k.AppsV1.ListReplicaSetForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o)))),
        new("replicationcontrollers", async (k, l, c, ct) => Page(await k.CoreV1.ListReplicationControllerForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o)))),
        new("jobs.batch", async (k, l, c, ct) => Page(await k.BatchV1.ListJobForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o)))),
        new("cronjobs.batch", async (k, l, c, ct) => Page(await k.BatchV1.ListCronJobForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o)))),
        new("pods", async (k, l, c, ct) => Page(await k.CoreV1.ListPodForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o)))),
        new("poddisruptionbudgets.policy", async (k, l, c, ct) => Page(await k.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.AddPodDisruptionBudget(KubeObjectMapper.Map(o)))),
    ];

    private static ScannedPage Page<TList, TItem>(
        TList list, Func<TList, string?> next, Func<TList, IList<TItem>> items, Action<InventoryBuilder, TItem> add) =>
        new(string.IsNullOrEmpty(next(list)) ? null : next(list), items(list)?.Count ?? 0, builder =>
        {
            foreach (var item in items(list) ?? [])
            {
                add(builder, item);
            }
        });
}

/// <summary>One page of a list: the continue token and a way to feed its items to a builder.</summary>
internal sealed record ScannedPage(string? Continue, int Count, Action<InventoryBuilder> AddTo);
