using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Rbac;

/// <summary>The <c>rbac-binding-pod-exec</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class RbacBindingPodExecPolicy : ObjectPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "rbac-binding-pod-exec",
        Title: "Binding hands out pods/exec or pods/attach",
        Description: "A ClusterRoleBinding or RoleBinding binds a role that grants pods/exec or pods/attach (judged as "
            + "rbac-role-pod-exec judges a role, the built-in admin and edit included) to a subject that is neither a "
            + "system:* user or group nor in rbacAllowedSubjects. Not applicable when the role does not exist or is "
            + "cluster-admin (rbac-cluster-admin-binding judges those). One check per binding; bindings named system:* are "
            + "not judged. The subject of the finding is the binding.",
        Rationale: "The binding is what puts exec in someone's hands: whoever holds it can run commands in the pods it "
            + "reaches, with their tokens and Secrets.",
        Remediation: """
            Bind a role without exec and attach (view, or a role of your own), and keep exec for a small allow-listed group:
              roleRef:
                apiGroup: rbac.authorization.k8s.io
                kind: ClusterRole
                name: view
            Subjects that must keep it go into rbacAllowedSubjects, e.g. "Group:sre-oncall".
            """,
        Category: "Security",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "rbac")
    {
        RequiredKinds = ["clusterroles.rbac.authorization.k8s.io", "roles.rbac.authorization.k8s.io",
            "clusterrolebindings.rbac.authorization.k8s.io", "rolebindings.rbac.authorization.k8s.io"],
        Parameters = [RbacClusterAdminBindingPolicy.AllowedSubjects],
        Controls = ["nsa-cisa:rbac"],
        Polaris = ["clusterrolebindingPodExecAttach", "rolebindingClusterRolePodExecAttach", "rolebindingRolePodExecAttach"],
        PolarisDifference = "One policy for Polaris's three binding checks, with rbac-role-pod-exec's wildcard matching. "
            + "system:* users and groups and allow-listed subjects are not judged, and a binding to cluster-admin is left "
            + "to rbac-cluster-admin-binding, so one binding does not fail twice.",
        ExampleFailure = "RoleBinding shop/support grants ClusterRole edit (pods/exec) to Group:support",
    };

    public override CheckResult Evaluate(in ObjectContext context)
    {
        if (context.Object is not RbacBinding binding || binding.IsBuiltIn || binding.RoleName == "cluster-admin"
            || RbacIndex.RoleOf(context.Snapshot, binding) is not { } role)
        {
            return CheckResult.NotApplicable;
        }

        if (RbacGrants.PodExecOrAttach(role) is not { } granted)
        {
            return CheckResult.Pass;
        }

        var judged = RbacGrants.Judged(binding, context.Parameters);
        return judged.Count == 0
            ? CheckResult.Pass
            : CheckResult.Fail($"{binding.Describe()} grants {binding.RoleText} ({granted}) to {string.Join(", ", judged)}");
    }
}
