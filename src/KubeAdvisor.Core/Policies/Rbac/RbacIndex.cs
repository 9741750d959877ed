using System.Runtime.CompilerServices;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Rbac;

/// <summary>A snapshot's Roles and ClusterRoles by kind, namespace and name, built once per snapshot (see NetworkPolicyIndex).</summary>
internal static class RbacIndex
{
    private static readonly ConditionalWeakTable<ClusterSnapshot, Dictionary<(string Kind, string Ns, string Name), RbacRole>> Roles = [];

    /// <summary>The role a binding refers to (a Role in the binding's namespace, or a ClusterRole); null when it does not exist.</summary>
    public static RbacRole? RoleOf(ClusterSnapshot snapshot, RbacBinding binding)
    {
        if (snapshot.Roles.Count == 0)
        {
            return null;
        }

        var index = Roles.GetValue(snapshot, static s =>
        {
            var byKey = new Dictionary<(string, string, string), RbacRole>();
            foreach (var role in s.Roles)
            {
                byKey[(role.Kind, role.Namespace, role.Name)] = role;
            }

            return byKey;
        });
        var ns = binding.RoleKind == ObjectKinds.ClusterRole ? "" : binding.Namespace;
        return index.GetValueOrDefault((binding.RoleKind, ns, binding.RoleName));
    }
}
