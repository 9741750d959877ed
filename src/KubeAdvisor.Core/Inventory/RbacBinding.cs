namespace KubeAdvisor.Core.Inventory;

/// <summary>A RoleBinding (namespaced) or ClusterRoleBinding (cluster-scoped, namespace ""): the role it grants, and to whom.</summary>
/// <param name="Kind"><see cref="ObjectKinds.RoleBinding"/> or <see cref="ObjectKinds.ClusterRoleBinding"/>.</param>
/// <param name="Namespace">Its namespace; "" for a ClusterRoleBinding.</param>
/// <param name="Name">Its name.</param>
/// <param name="Uid">metadata.uid.</param>
/// <param name="RoleKind">roleRef.kind: <c>Role</c> (in the binding's namespace) or <c>ClusterRole</c>.</param>
/// <param name="RoleName">roleRef.name.</param>
/// <param name="Subjects">subjects (a ServiceAccount without a namespace is in the binding's).</param>
public sealed record RbacBinding(string Kind, string Namespace, string Name, string Uid, string RoleKind, string RoleName, IReadOnlyList<RbacSubject> Subjects)
    : InventoryObject(Kind, Namespace, Name, Uid)
{
    /// <summary>The role as messages name it: <c>ClusterRole cluster-admin</c> or <c>Role ci/deployer</c>.</summary>
    public string RoleText => RoleKind == ObjectKinds.ClusterRole ? $"ClusterRole {RoleName}" : $"Role {Namespace}/{RoleName}";

    /// <summary>Whether Kubernetes itself creates and reconciles it (a binding named <c>system:*</c>).</summary>
    public bool IsBuiltIn => Name.StartsWith("system:", StringComparison.Ordinal);
}
