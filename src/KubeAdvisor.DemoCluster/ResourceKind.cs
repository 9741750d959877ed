using k8s;
using k8s.Models;

namespace KubeAdvisor.DemoCluster;

/// <summary>A resource the fake server lists: its URL, list kind and the object type behind it.</summary>
internal sealed record ResourceKind(string Path, string Plural, string ApiVersion, string Kind, Type Type)
{
    public static readonly IReadOnlyList<ResourceKind> All =
    [
        new("/api/v1/namespaces", "namespaces", "v1", "Namespace", typeof(V1Namespace)),
        new("/api/v1/pods", "pods", "v1", "Pod", typeof(V1Pod)),
        new("/api/v1/replicationcontrollers", "replicationcontrollers", "v1", "ReplicationController", typeof(V1ReplicationController)),
        new("/apis/apps/v1/deployments", "deployments", "apps/v1", "Deployment", typeof(V1Deployment)),
        new("/apis/apps/v1/statefulsets", "statefulsets", "apps/v1", "StatefulSet", typeof(V1StatefulSet)),
        new("/apis/apps/v1/daemonsets", "daemonsets", "apps/v1", "DaemonSet", typeof(V1DaemonSet)),
        new("/apis/apps/v1/replicasets", "replicasets", "apps/v1", "ReplicaSet", typeof(V1ReplicaSet)),
        new("/apis/batch/v1/jobs", "jobs", "batch/v1", "Job", typeof(V1Job)),
        new("/apis/batch/v1/cronjobs", "cronjobs", "batch/v1", "CronJob", typeof(V1CronJob)),
        new("/apis/policy/v1/poddisruptionbudgets", "poddisruptionbudgets", "policy/v1", "PodDisruptionBudget", typeof(V1PodDisruptionBudget)),
        new("/api/v1/serviceaccounts", "serviceaccounts", "v1", "ServiceAccount", typeof(V1ServiceAccount)),
        new("/apis/autoscaling/v2/horizontalpodautoscalers", "horizontalpodautoscalers", "autoscaling/v2", "HorizontalPodAutoscaler", typeof(V2HorizontalPodAutoscaler)),
        new("/apis/networking.k8s.io/v1/networkpolicies", "networkpolicies", "networking.k8s.io/v1", "NetworkPolicy", typeof(V1NetworkPolicy)),
        new("/apis/networking.k8s.io/v1/ingresses", "ingresses", "networking.k8s.io/v1", "Ingress", typeof(V1Ingress)),
        new("/apis/rbac.authorization.k8s.io/v1/roles", "roles", "rbac.authorization.k8s.io/v1", "Role", typeof(V1Role)),
        new("/apis/rbac.authorization.k8s.io/v1/clusterroles", "clusterroles", "rbac.authorization.k8s.io/v1", "ClusterRole", typeof(V1ClusterRole)),
        new("/apis/rbac.authorization.k8s.io/v1/rolebindings", "rolebindings", "rbac.authorization.k8s.io/v1", "RoleBinding", typeof(V1RoleBinding)),
        new("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", "clusterrolebindings", "rbac.authorization.k8s.io/v1", "ClusterRoleBinding", typeof(V1ClusterRoleBinding)),
        new("/apis/scheduling.k8s.io/v1/priorityclasses", "priorityclasses", "scheduling.k8s.io/v1", "PriorityClass", typeof(V1PriorityClass)),
        new("/api/v1/configmaps", "configmaps", "v1", "ConfigMap", typeof(V1ConfigMap)),
    ];

    /// <summary>Whether objects of the kind have no namespace (Namespaces, ClusterRoles, ClusterRoleBindings, PriorityClasses).</summary>
    public bool ClusterScoped => Kind is "Namespace" or "ClusterRole" or "ClusterRoleBinding" or "PriorityClass";

    public static ResourceKind? ByPath(string path) => All.FirstOrDefault(r => r.Path == path.TrimEnd('/'));

    public static ResourceKind? For(IKubernetesObject o) => All.FirstOrDefault(r => r.Type == o.GetType());
}
