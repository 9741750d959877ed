using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Rbac;

/// <summary>The <c>rbac-cluster-admin-binding</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class RbacClusterAdminBindingPolicy : ObjectPolicy
{
    internal static PolicyParameter AllowedSubjects { get; } = new(
        "rbacAllowedSubjects",
        "Subjects allowed powerful roles",
        "Subjects that may hold cluster-admin or pods/exec and pods/attach (the rbac pack's binding policies), as globs over "
            + "User:name, Group:name or ServiceAccount:namespace/name, e.g. Group:platform-admins or ServiceAccount:argocd/*.",
        s => s.RbacAllowedSubjects,
        (s, v) => s with { RbacAllowedSubjects = v });

    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "rbac-cluster-admin-binding",
        Title: "Binding grants cluster-admin",
        Description: "A ClusterRoleBinding or RoleBinding refers to a role named cluster-admin (the ClusterRole, or a Role a "
            + "namespace named so) and binds it to a subject that is neither a user or group Kubernetes reserves (system:*, "
            + "e.g. system:masters) nor in the rbacAllowedSubjects parameter. ServiceAccounts are always judged, whatever "
            + "their namespace. One check per binding; bindings named system:* (Kubernetes' own) are not judged. The subject "
            + "of the finding is the binding.",
        Rationale: "cluster-admin may do anything to every object of the cluster: read every Secret, run any pod on any node, "
            + "grant itself more. A leaked token or a compromised pipeline of a subject bound to it owns the cluster. A "
            + "RoleBinding to it still grants everything in its namespace, Secrets and RBAC included.",
        Remediation: """
            Bind a role that grants only what the subject does (edit, view, or a role of your own) instead, e.g.:
              apiVersion: rbac.authorization.k8s.io/v1
              kind: RoleBinding
              metadata:
                name: deployer
                namespace: shop
              roleRef:
                apiGroup: rbac.authorization.k8s.io
                kind: ClusterRole
                name: edit
              subjects:
                - kind: ServiceAccount
                  name: deployer
                  namespace: ci
            Where a subject must keep cluster-admin (break-glass admins), add it to rbacAllowedSubjects.
            """,
        Category: "Security",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "rbac")
    {
        RequiredKinds = ["clusterrolebindings.rbac.authorization.k8s.io", "rolebindings.rbac.authorization.k8s.io"],
        Parameters = [AllowedSubjects],
        Controls = ["cis-1.9:5.1.1", "nsa-cisa:rbac"],
        Polaris = ["clusterrolebindingClusterAdmin", "rolebindingClusterAdminClusterRole", "rolebindingClusterAdminRole"],
        PolarisDifference = "One policy for Polaris's three cluster-admin checks. KubeAdvisor does not judge the subjects "
            + "Kubernetes reserves (system:* users and groups) or those an admin allow-listed, so the built-in "
            + "cluster-admin binding to system:masters does not fail on every cluster; ServiceAccounts of kube-system are "
            + "allow-listed by default.",
        ExampleFailure = "ClusterRoleBinding ci-deployer grants ClusterRole cluster-admin to ServiceAccount:ci/deployer",
    };

    public override CheckResult Evaluate(in ObjectContext context)
    {
        if (context.Object is not RbacBinding binding || binding.IsBuiltIn || binding.RoleName != "cluster-admin")
        {
            return CheckResult.NotApplicable;
        }

        var judged = RbacGrants.Judged(binding, context.Parameters);
        return judged.Count == 0
            ? CheckResult.Pass
            : CheckResult.Fail($"{binding.Describe()} grants {binding.RoleText} to {string.Join(", ", judged)}");
    }
}
