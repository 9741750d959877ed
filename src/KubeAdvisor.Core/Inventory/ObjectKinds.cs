namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// The kinds of <see cref="InventoryObject"/>: objects that can be the subject of a finding without being workloads.
/// Stored rows of these kinds are objects, not workloads: they have no containers and are not counted as workloads
/// (decision 0033). The one list of them; every reader that tells the two apart asks here.
/// </summary>
public static class ObjectKinds
{
    /// <summary>networking.k8s.io/v1 Ingress.</summary>
    public const string Ingress = "Ingress";

    /// <summary>rbac.authorization.k8s.io/v1 Role.</summary>
    public const string Role = "Role";

    /// <summary>rbac.authorization.k8s.io/v1 ClusterRole.</summary>
    public const string ClusterRole = "ClusterRole";

    /// <summary>rbac.authorization.k8s.io/v1 RoleBinding.</summary>
    public const string RoleBinding = "RoleBinding";

    /// <summary>rbac.authorization.k8s.io/v1 ClusterRoleBinding.</summary>
    public const string ClusterRoleBinding = "ClusterRoleBinding";

    /// <summary>v1 ConfigMap (read only when the scanner may list them, decision 0037).</summary>
    public const string ConfigMap = "ConfigMap";

    /// <summary>Every object kind (an array, so database queries can test membership with it).</summary>
    public static readonly string[] All = [Ingress, Role, ClusterRole, RoleBinding, ClusterRoleBinding, ConfigMap];

    /// <summary>Whether <paramref name="kind"/> is an object kind rather than a workload kind.</summary>
    public static bool IsObject(string kind) => Array.IndexOf(All, kind) >= 0;
}
