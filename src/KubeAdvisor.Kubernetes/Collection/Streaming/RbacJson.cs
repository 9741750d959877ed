using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>
/// Roles, ClusterRoles and their bindings (rbac.authorization.k8s.io/v1), as far as policies read them: rules (apiGroups,
/// resources, verbs), roleRef and subjects. resourceNames, nonResourceURLs and aggregationRule are skipped. Cluster-scoped
/// kinds get namespace "" (decision 0033), namespaced ones default to <c>default</c> as every namespaced object does.
/// </summary>
internal static class RbacJson
{
    public static RbacRole Role(ReadOnlySpan<byte> json, string kind, ReadCache cache)
    {
        var r = ObjectJson.Begin(json);
        var meta = MetaJson.None;
        var rules = new List<RbacRule>();
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("metadata"u8))
            {
                JsonRead.Next(ref r);
                meta = MetaJson.Read(ref r, cache);
            }
            else if (r.ValueTextEquals("rules"u8))
            {
                JsonRead.Next(ref r);
                ReadRules(ref r, cache, rules);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return new RbacRole(kind, NamespaceOf(meta, kind), meta.Name ?? "", meta.Uid ?? "", rules);
    }

    public static RbacBinding Binding(ReadOnlySpan<byte> json, string kind, ReadCache cache)
    {
        var r = ObjectJson.Begin(json);
        var meta = MetaJson.None;
        string? roleKind = null, roleName = null;
        var subjects = new List<(string? Kind, string? Name, string? Namespace)>();
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("metadata"u8))
            {
                JsonRead.Next(ref r);
                meta = MetaJson.Read(ref r, cache);
            }
            else if (r.ValueTextEquals("roleRef"u8))
            {
                JsonRead.Next(ref r);
                (roleKind, roleName, _) = ObjectReferenceJson.Read(ref r, cache);
            }
            else if (r.ValueTextEquals("subjects"u8))
            {
                JsonRead.Next(ref r);
                if (JsonRead.IsArray(ref r))
                {
                    while (JsonRead.NextElement(ref r))
                    {
                        subjects.Add(ObjectReferenceJson.Read(ref r, cache));
                    }
                }
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        var ns = NamespaceOf(meta, kind);
        // A ServiceAccount subject without a namespace is in the binding's (for a RoleBinding).
        var list = subjects.Where(s => s.Kind is not null && s.Name is not null)
            .Select(s => new RbacSubject(s.Kind!, s.Name!, s.Namespace ?? (s.Kind == "ServiceAccount" ? ns : "")))
            .ToList();
        return new RbacBinding(kind, ns, meta.Name ?? "", meta.Uid ?? "", roleKind ?? "", roleName ?? "", list);
    }

    private static string NamespaceOf(MetaJson meta, string kind) =>
        kind is ObjectKinds.ClusterRole or ObjectKinds.ClusterRoleBinding ? "" : meta.NamespaceOrDefault;

    private static void ReadRules(ref Utf8JsonReader r, ReadCache cache, List<RbacRule> rules)
    {
        if (!JsonRead.IsArray(ref r))
        {
            return;
        }

        while (JsonRead.NextElement(ref r))
        {
            if (!JsonRead.IsObject(ref r))
            {
                continue;
            }

            IReadOnlyList<string> groups = [], resources = [], verbs = [];
            while (JsonRead.NextProperty(ref r))
            {
                if (r.ValueTextEquals("apiGroups"u8))
                {
                    JsonRead.Next(ref r);
                    groups = Strings(ref r, cache);
                }
                else if (r.ValueTextEquals("resources"u8))
                {
                    JsonRead.Next(ref r);
                    resources = Strings(ref r, cache);
                }
                else if (r.ValueTextEquals("verbs"u8))
                {
                    JsonRead.Next(ref r);
                    verbs = Strings(ref r, cache);
                }
                else
                {
                    JsonRead.SkipValue(ref r);
                }
            }

            rules.Add(new RbacRule(groups, resources, verbs));
        }
    }

    // RBAC vocabularies repeat across thousands of rules: shared strings (the read cache interns them).
    private static IReadOnlyList<string> Strings(ref Utf8JsonReader r, ReadCache cache) => cache.SharedList(ref r) ?? [];
}
