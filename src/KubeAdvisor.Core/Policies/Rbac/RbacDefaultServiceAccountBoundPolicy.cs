using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Rbac;

/// <summary>The <c>rbac-default-service-account-bound</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class RbacDefaultServiceAccountBoundPolicy : ObjectPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "rbac-default-service-account-bound",
        Title: "Binding grants a role to a default ServiceAccount",
        Description: "A ClusterRoleBinding or RoleBinding has a subject that is the ServiceAccount named default of any "
            + "namespace (a subject without a namespace is in the binding's). Any role counts. One check per binding; "
            + "bindings named system:* are not judged. The subject of the finding is the binding.",
        Rationale: "Every pod that names no ServiceAccount runs as its namespace's default one. Permissions granted to it go "
            + "to every such pod, including ones deployed later for other purposes, so nobody can tell which workload "
            + "needs them.",
        Remediation: """
            Create a ServiceAccount for the workload that needs the permissions, bind the role to it, and set it on the pod:
              apiVersion: v1
              kind: ServiceAccount
              metadata:
                name: reporter
                namespace: shop
              automountServiceAccountToken: false
            then subjects: [{kind: ServiceAccount, name: reporter, namespace: shop}] and spec.serviceAccountName: reporter.
            """,
        Category: "Security",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "rbac")
    {
        RequiredKinds = ["clusterrolebindings.rbac.authorization.k8s.io", "rolebindings.rbac.authorization.k8s.io"],
        Controls = ["cis-1.9:5.1.5", "nsa-cisa:rbac"],
        ExampleFailure = "RoleBinding shop/reader grants ClusterRole view to ServiceAccount:shop/default",
    };

    public override CheckResult Evaluate(in ObjectContext context)
    {
        if (context.Object is not RbacBinding binding || binding.IsBuiltIn)
        {
            return CheckResult.NotApplicable;
        }

        foreach (var subject in binding.Subjects)
        {
            if (subject.IsServiceAccount && subject.Name == "default")
            {
                return CheckResult.Fail($"{binding.Describe()} grants {binding.RoleText} to {subject}");
            }
        }

        return CheckResult.Pass;
    }
}
