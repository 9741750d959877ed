using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Rbac;

/// <summary>The <c>rbac-role-pod-exec</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class RbacRolePodExecPolicy : ObjectPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "rbac-role-pod-exec",
        Title: "Role grants pods/exec or pods/attach",
        Description: "A Role or ClusterRole has a rule that grants pods/exec or pods/attach: the core API group (\"\" or \"*\"), "
            + "the subresource (pods/exec, pods/attach, */exec, */attach or \"*\") and the verb create, get (how WebSocket "
            + "exec was authorized before Kubernetes 1.31) or \"*\". One check per role; the roles Kubernetes creates "
            + "(system:*, and the ClusterRoles cluster-admin, admin, edit and view) are not judged. The subject of the "
            + "finding is the role.",
        Rationale: "Exec and attach run commands inside a running container with its identity: its ServiceAccount token, its "
            + "mounted Secrets, its network position. A role that grants them is a role that reads every Secret its pods "
            + "can, and a stepping stone to the nodes of privileged pods.",
        Remediation: """
            Grant exec only to the few who debug in production, in a role of its own, and bind that narrowly:
              rules:
                - apiGroups: [""]
                  resources: ["pods", "pods/log"]
                  verbs: ["get", "list", "watch"]
            Prefer ephemeral debug containers or logs over exec; avoid "*" in resources and verbs.
            """,
        Category: "Security",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "rbac")
    {
        RequiredKinds = ["clusterroles.rbac.authorization.k8s.io", "roles.rbac.authorization.k8s.io"],
        Controls = ["nsa-cisa:rbac"],
        Polaris = ["clusterrolePodExecAttach", "rolePodExecAttach"],
        PolarisDifference = "One policy for Polaris's two role checks. KubeAdvisor matches wildcards as the RBAC authorizer "
            + "does (\"*\" and */exec in resources, \"*\" in apiGroups and verbs), counts get as well as create (WebSocket "
            + "exec before 1.31), and does not judge the roles Kubernetes itself creates.",
        ExampleFailure = "ClusterRole debugger grants pods/exec",
    };

    public override CheckResult Evaluate(in ObjectContext context)
    {
        if (context.Object is not RbacRole role || role.IsBuiltIn)
        {
            return CheckResult.NotApplicable;
        }

        return RbacGrants.PodExecOrAttach(role) is { } granted
            ? CheckResult.Fail($"{role.Describe()} grants {granted}")
            : CheckResult.Pass;
    }
}
