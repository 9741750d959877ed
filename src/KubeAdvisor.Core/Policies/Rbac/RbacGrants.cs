using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Rbac;

/// <summary>What a role's rules grant, as the RBAC authorizer matches them, for the rbac pack's policies.</summary>
internal static class RbacGrants
{
    // Exec and attach are "create" on the subresource; before Kubernetes 1.31 a WebSocket exec or attach was authorized
    // as "get" (AuthorizePodWebsocketUpgradeCreatePermission closed that), so "get" grants them on older clusters.
    private static readonly string[] ExecVerbs = ["create", "get"];

    private static readonly string[] SecretVerbs = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

    /// <summary>The first of pods/exec and pods/attach the role grants (explicitly or by wildcard), or null.</summary>
    public static string? PodExecOrAttach(RbacRole role)
    {
        foreach (var rule in role.Rules)
        {
            foreach (var subresource in (ReadOnlySpan<string>)["pods/exec", "pods/attach"])
            {
                foreach (var verb in ExecVerbs)
                {
                    if (rule.GrantsCore(subresource, verb))
                    {
                        return subresource;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The first rule that reaches Secrets of the core group through a wildcard (in apiGroups, resources or verbs), as
    /// text for a message, or null.
    /// </summary>
    public static string? SecretsByWildcard(RbacRole role)
    {
        foreach (var rule in role.Rules)
        {
            if (rule.HasWildcard && Array.Exists(SecretVerbs, v => rule.GrantsCore("secrets", v)))
            {
                return $"apiGroups {List(rule.ApiGroups)}, resources {List(rule.Resources)}, verbs {List(rule.Verbs)}";
            }
        }

        return null;
    }

    // As YAML writes the list: ["", "apps"].
    private static string List(IReadOnlyList<string> values) => "[" + string.Join(", ", values.Select(v => $"\"{v}\"")) + "]";

    /// <summary>The subjects of a binding the rbac policies judge: neither a <c>system:</c> user or group nor allow-listed.</summary>
    public static List<RbacSubject> Judged(RbacBinding binding, PolicyParameters parameters)
    {
        var judged = new List<RbacSubject>();
        foreach (var subject in binding.Subjects)
        {
            if (!subject.IsSystem && !parameters.IsRbacAllowed(subject))
            {
                judged.Add(subject);
            }
        }

        return judged;
    }
}
