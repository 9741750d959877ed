namespace KubeAdvisor.Core.Inventory;

/// <summary>One subject of a RoleBinding or ClusterRoleBinding.</summary>
/// <param name="Kind"><c>User</c>, <c>Group</c> or <c>ServiceAccount</c>.</param>
/// <param name="Name">Its name.</param>
/// <param name="Namespace">A ServiceAccount's namespace ("" for users and groups).</param>
public sealed record RbacSubject(string Kind, string Name, string Namespace)
{
    /// <summary>Whether it is a ServiceAccount.</summary>
    public bool IsServiceAccount => Kind == "ServiceAccount";

    /// <summary>
    /// Whether it is a user or group Kubernetes reserves (<c>system:</c> names: system:masters, system:nodes, …). A
    /// ServiceAccount is never one, whatever its namespace: it is judged (allow-list it by parameter).
    /// </summary>
    public bool IsSystem => !IsServiceAccount && Name.StartsWith("system:", StringComparison.Ordinal);

    /// <summary>How allow-lists and messages name it: <c>User:alice</c>, <c>Group:ops</c>, <c>ServiceAccount:ci/deployer</c>.</summary>
    public override string ToString() => IsServiceAccount ? $"{Kind}:{Namespace}/{Name}" : $"{Kind}:{Name}";
}
