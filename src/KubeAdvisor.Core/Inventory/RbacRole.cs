namespace KubeAdvisor.Core.Inventory;

/// <summary>A Role (namespaced) or ClusterRole (cluster-scoped, namespace ""), as far as policies read it: its rules.</summary>
/// <param name="Kind"><see cref="ObjectKinds.Role"/> or <see cref="ObjectKinds.ClusterRole"/>.</param>
/// <param name="Namespace">Its namespace; "" for a ClusterRole.</param>
/// <param name="Name">Its name.</param>
/// <param name="Uid">metadata.uid.</param>
/// <param name="Rules">rules (for an aggregated ClusterRole, what the controller aggregated into it).</param>
public sealed record RbacRole(string Kind, string Namespace, string Name, string Uid, IReadOnlyList<RbacRule> Rules)
    : InventoryObject(Kind, Namespace, Name, Uid)
{
    /// <summary>
    /// Whether it is one of the roles Kubernetes itself creates and reconciles: a ClusterRole named <c>system:*</c> or one
    /// of the user-facing defaults (cluster-admin, admin, edit, view), or a Role named <c>system:*</c>. Nobody can make
    /// these least-privilege, so role policies do not judge them; bindings that hand them out are judged.
    /// </summary>
    public bool IsBuiltIn => Name.StartsWith("system:", StringComparison.Ordinal)
        || (Kind == ObjectKinds.ClusterRole && Name is "cluster-admin" or "admin" or "edit" or "view");
}
