using k8s;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Kubernetes.Collection.Streaming;
using KubeAdvisor.Kubernetes.Mapping;

namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>
/// One list the collector reads: its resource name (as RBAC spells it), how to fetch a page through the typed
/// client, and the list path plus item reader of the streaming path (JSON straight into the inventory).
/// </summary>
internal sealed record ScannedKind(
    string Resource,
    Func<IKubernetes, int, string?, CancellationToken, Task<ScannedPage>> ListAsync,
    string Path,
    ItemReader ReadItem)
{
    public static readonly IReadOnlyList<ScannedKind> All =
    [
        new("namespaces", async (k, l, c, ct) => Page(await k.CoreV1.ListNamespaceAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.AddNamespace(o.Metadata.Name)),
            "api/v1/namespaces", (b, q, j) => AddNamespace(b, ObjectJson.NamespaceName(j, q))),
        new("deployments.apps", async (k, l, c, ct) => Page(await k.AppsV1.ListDeploymentForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o))),
            "apis/apps/v1/deployments", (b, q, j) => b.Add(ObjectJson.Controller(j, "Deployment", true, q))),
        new("statefulsets.apps", async (k, l, c, ct) => Page(await k.AppsV1.ListStatefulSetForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o))),
            "apis/apps/v1/statefulsets", (b, q, j) => b.Add(ObjectJson.Controller(j, "StatefulSet", true, q))),
        new("daemonsets.apps", async (k, l, c, ct) => Page(await k.AppsV1.ListDaemonSetForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o))),
            "apis/apps/v1/daemonsets", (b, q, j) => b.Add(ObjectJson.Controller(j, "DaemonSet", false, q))),
        new("replicasets.apps", async (k, l, c, ct) => Page(await k.AppsV1.ListReplicaSetForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o))),
            "apis/apps/v1/replicasets", (b, q, j) => b.Add(ObjectJson.Controller(j, "ReplicaSet", true, q))),
        new("replicationcontrollers", async (k, l, c, ct) => Page(await k.CoreV1.ListReplicationControllerForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o))),
            "api/v1/replicationcontrollers", (b, q, j) => b.Add(ObjectJson.Controller(j, "ReplicationController", true, q))),
        new("jobs.batch", async (k, l, c, ct) => Page(await k.BatchV1.ListJobForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o))),
            "apis/batch/v1/jobs", (b, q, j) => b.Add(ObjectJson.Controller(j, "Job", false, q))),
        new("cronjobs.batch", async (k, l, c, ct) => Page(await k.BatchV1.ListCronJobForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o))),
            "apis/batch/v1/cronjobs", (b, q, j) => b.Add(ObjectJson.Controller(j, "CronJob", false, q))),
        new("pods", async (k, l, c, ct) => Page(await k.CoreV1.ListPodForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.Add(KubeObjectMapper.Map(o))),
            "api/v1/pods", (b, q, j) => b.Add(ObjectJson.Pod(j, q))),
        new("poddisruptionbudgets.policy", async (k, l, c, ct) => Page(await k.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync(limit: l, continueParameter: c, cancellationToken: ct),
            x => x.Metadata.ContinueProperty, x => x.Items, (b, o) => b.AddPodDisruptionBudget(KubeObjectMapper.Map(o))),
            "apis/policy/v1/poddisruptionbudgets", (b, q, j) => b.AddPodDisruptionBudget(ObjectJson.DisruptionBudget(j, q))),
    ];

    // As ManifestLoader: a namespace without a name is no namespace (the typed path added null).
    private static void AddNamespace(InventoryBuilder builder, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            builder.AddNamespace(name);
        }
    }

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
