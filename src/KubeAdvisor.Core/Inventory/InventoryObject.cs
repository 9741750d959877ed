namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// An object that is not a workload but can be the subject of a finding (an Ingress, a Role, a ClusterRoleBinding, …):
/// judged by object policies, stored beside workloads with the same identity (decision 0033). It has no pod template
/// and no containers.
/// </summary>
/// <param name="Kind">Kubernetes kind as the API spells it (<c>Ingress</c>, <c>ClusterRoleBinding</c>, …); one of <see cref="ObjectKinds.All"/>.</param>
/// <param name="Namespace">Its namespace; empty for a cluster-scoped object (a ClusterRole, a ClusterRoleBinding).</param>
/// <param name="Name">Its name.</param>
/// <param name="Uid">metadata.uid (for a manifest without one, namespace/kind/name stands in).</param>
public abstract record InventoryObject(string Kind, string Namespace, string Name, string Uid)
{
    /// <summary>Whether the object is cluster-scoped (it has no namespace).</summary>
    public bool IsClusterScoped => Namespace.Length == 0;

    /// <summary>The object as its kind and name read, e.g. <c>ClusterRoleBinding ci-deployer</c> or <c>Ingress shop/web</c>.</summary>
    public string Describe() => IsClusterScoped ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    /// <summary>The identity stored for it: the uid, or namespace/kind/name when the object has none (manifests).</summary>
    public string Key => Uid.Length > 0 ? Uid : $"{Namespace}/{Kind}/{Name}";
}
