using KubeAdvisor.Kubernetes.Collection.Streaming;

namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>
/// One kind the collector lists and manifests may hold: its resource name (as RBAC spells it), its apiVersion and
/// kind (as a manifest names it), the list path, and the item reader that maps one object's JSON into the inventory.
/// The same reader serves a live scan, the agent and <see cref="Manifests.ManifestLoader"/>.
/// </summary>
internal sealed record ScannedKind(string Resource, string ApiVersion, string Kind, string Path, ItemReader ReadItem)
{
    public static readonly IReadOnlyList<ScannedKind> All =
    [
        new("namespaces", "v1", "Namespace", "api/v1/namespaces", (b, q, j) => AddNamespace(b, ObjectJson.Namespace(j, q))),
        new("deployments.apps", "apps/v1", "Deployment", "apis/apps/v1/deployments", (b, q, j) => b.Add(ObjectJson.Controller(j, "Deployment", true, q))),
        new("statefulsets.apps", "apps/v1", "StatefulSet", "apis/apps/v1/statefulsets", (b, q, j) => b.Add(ObjectJson.Controller(j, "StatefulSet", true, q))),
        new("daemonsets.apps", "apps/v1", "DaemonSet", "apis/apps/v1/daemonsets", (b, q, j) => b.Add(ObjectJson.Controller(j, "DaemonSet", false, q))),
        new("replicasets.apps", "apps/v1", "ReplicaSet", "apis/apps/v1/replicasets", (b, q, j) => b.Add(ObjectJson.Controller(j, "ReplicaSet", true, q))),
        new("replicationcontrollers", "v1", "ReplicationController", "api/v1/replicationcontrollers", (b, q, j) => b.Add(ObjectJson.Controller(j, "ReplicationController", true, q))),
        new("jobs.batch", "batch/v1", "Job", "apis/batch/v1/jobs", (b, q, j) => b.Add(ObjectJson.Controller(j, "Job", false, q))),
        new("cronjobs.batch", "batch/v1", "CronJob", "apis/batch/v1/cronjobs", (b, q, j) => b.Add(ObjectJson.Controller(j, "CronJob", false, q))),
        new("pods", "v1", "Pod", "api/v1/pods", (b, q, j) => b.Add(ObjectJson.Pod(j, q))),
        new("poddisruptionbudgets.policy", "policy/v1", "PodDisruptionBudget", "apis/policy/v1/poddisruptionbudgets",
            (b, q, j) => b.AddPodDisruptionBudget(ObjectJson.DisruptionBudget(j, q))),
        new("serviceaccounts", "v1", "ServiceAccount", "api/v1/serviceaccounts", (b, q, j) => b.AddServiceAccount(ObjectJson.ServiceAccount(j, q))),
        new("horizontalpodautoscalers.autoscaling", "autoscaling/v2", "HorizontalPodAutoscaler", "apis/autoscaling/v2/horizontalpodautoscalers",
            (b, q, j) => b.AddHorizontalPodAutoscaler(ObjectJson.Autoscaler(j, q))),
        new("networkpolicies.networking.k8s.io", "networking.k8s.io/v1", "NetworkPolicy", "apis/networking.k8s.io/v1/networkpolicies",
            (b, q, j) => b.AddNetworkPolicy(ObjectJson.NetworkPolicy(j, q))),
        new("ingresses.networking.k8s.io", "networking.k8s.io/v1", "Ingress", "apis/networking.k8s.io/v1/ingresses",
            (b, q, j) => b.AddObject(ObjectJson.Ingress(j, q))),
        new("roles.rbac.authorization.k8s.io", "rbac.authorization.k8s.io/v1", "Role", "apis/rbac.authorization.k8s.io/v1/roles",
            (b, q, j) => b.AddObject(RbacJson.Role(j, "Role", q))),
        new("clusterroles.rbac.authorization.k8s.io", "rbac.authorization.k8s.io/v1", "ClusterRole", "apis/rbac.authorization.k8s.io/v1/clusterroles",
            (b, q, j) => b.AddObject(RbacJson.Role(j, "ClusterRole", q))),
        new("rolebindings.rbac.authorization.k8s.io", "rbac.authorization.k8s.io/v1", "RoleBinding", "apis/rbac.authorization.k8s.io/v1/rolebindings",
            (b, q, j) => b.AddObject(RbacJson.Binding(j, "RoleBinding", q))),
        new("clusterrolebindings.rbac.authorization.k8s.io", "rbac.authorization.k8s.io/v1", "ClusterRoleBinding",
            "apis/rbac.authorization.k8s.io/v1/clusterrolebindings", (b, q, j) => b.AddObject(RbacJson.Binding(j, "ClusterRoleBinding", q))),
        new("priorityclasses.scheduling.k8s.io", "scheduling.k8s.io/v1", "PriorityClass", "apis/scheduling.k8s.io/v1/priorityclasses",
            (b, q, j) => b.AddPriorityClass(PriorityClassJson.Read(j, q))),
        new("configmaps", "v1", "ConfigMap", "api/v1/configmaps", (b, q, j) => b.AddObject(ConfigMapJson.Read(j, q))),
    ];

    /// <summary>
    /// Whether a scan goes on without this kind when the API server does not serve it (404) or the credentials may not
    /// list it (403). Namespaces and pods are not optional: every workload and every policy rests on them (decision 0018).
    /// </summary>
    public bool IsOptional => Resource is not ("namespaces" or "pods");

    /// <summary>
    /// Whether listing the kind is something a cluster opts into with its own RBAC file (ConfigMaps: their values may be
    /// secrets, decision 0037). The collector still asks; a 403 is reported only when an enabled policy needs the kind.
    /// </summary>
    public bool IsOptIn => Resource is "configmaps";

    /// <summary>The kind a manifest document of this apiVersion and kind is read as; null for kinds the inventory does not use.</summary>
    public static ScannedKind? Of(string? apiVersion, string? kind) =>
        All.FirstOrDefault(k => k.ApiVersion == apiVersion && k.Kind == kind);

    // A namespace without a name is no namespace.
    private static void AddNamespace(KubeAdvisor.Core.Inventory.InventoryBuilder builder, (string? Name, IReadOnlyDictionary<string, string> Labels) ns)
    {
        if (!string.IsNullOrEmpty(ns.Name))
        {
            builder.AddNamespace(ns.Name, ns.Labels);
        }
    }
}
