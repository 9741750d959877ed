using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>The objects that are not workloads (decision 0033): each of its list's kind, named, and scoped as its kind is.</summary>
public static partial class SnapshotValidator
{
    private static void CheckObjects(List<string> errors, ClusterSnapshot s)
    {
        CheckList(errors, "ingresses", s.Ingresses, ObjectKinds.Ingress, i => i.Hosts.All(h => h is not null) && i.Tls.All(t => t is not null && t.Hosts.All(h => h is not null)));
        CheckList(errors, "roles", s.Roles, $"{ObjectKinds.Role},{ObjectKinds.ClusterRole}",
            r => r.Rules.All(x => x is not null && x.ApiGroups.All(v => v is not null) && x.Resources.All(v => v is not null) && x.Verbs.All(v => v is not null)));
        CheckList(errors, "roleBindings", s.RoleBindings, $"{ObjectKinds.RoleBinding},{ObjectKinds.ClusterRoleBinding}",
            b => b.RoleKind is not null && b.RoleName is not null && b.Subjects.All(x => x is not null && x.Kind is not null && x.Name is not null && x.Namespace is not null));
        // Only keys and reasons travel (decision 0037), as many as the collector keeps, each no longer than a Kubernetes key.
        CheckList(errors, "configMaps", s.ConfigMaps, ObjectKinds.ConfigMap,
            c => c.SecretLookingKeys.Count <= ConfigMap.MaxKeys && c.MoreSecretLookingKeys >= 0
                && c.SecretLookingKeys.All(k => k is not null && k.Key is { Length: > 0 and <= ConfigMap.MaxKeyLength } && Enum.IsDefined(k.Reason)));
    }

    private static void CheckList<T>(List<string> errors, string member, IReadOnlyList<T> list, string kinds, Func<T, bool> inner)
        where T : InventoryObject
    {
        for (var i = 0; i < list.Count && errors.Count < 10; i++)
        {
            var o = list[i];
            var where = $"{member}[{i}]";
            if (o is null)
            {
                errors.Add($"{where} is null.");
                continue;
            }

            // The kind is on the wire (a base member): only the list's own kinds are believed, so a row stays what it claims.
            Check(errors, kinds.Split(',').Contains(o.Kind, StringComparer.Ordinal), $"{where}.kind must be {kinds.Replace(",", " or ", StringComparison.Ordinal)}.");
            Check(errors, o.Name is { Length: > 0 } && o.Uid is not null && o.Namespace is not null
                && (o.Namespace.Length == 0) == o.Kind.StartsWith("Cluster", StringComparison.Ordinal),
                $"{where} needs a name, and a namespace exactly when its kind is namespaced.");
            Check(errors, inner(o), $"{where} has a null or out-of-bounds entry.");
        }
    }
}
