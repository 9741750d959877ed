using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Rbac;

/// <summary>The <c>rbac-secrets-wildcard</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class RbacSecretsWildcardPolicy : ObjectPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "rbac-secrets-wildcard",
        Title: "Role reaches Secrets through a wildcard",
        Description: "A Role or ClusterRole has a rule that grants access to Secrets of the core API group and uses \"*\" in "
            + "apiGroups, resources or verbs: resources \"*\" in the core group, verbs \"*\" on secrets, or apiGroups \"*\" "
            + "with secrets. An explicit rule (resources [secrets], verbs [get]) is not judged here. One check per role; the "
            + "roles Kubernetes creates (system:*, cluster-admin, admin, edit, view) are not judged. The subject of the "
            + "finding is the role.",
        Rationale: "Secrets hold the credentials of everything else: database passwords, cloud keys, ServiceAccount tokens. A "
            + "wildcard grants them by accident (\"all resources\" includes Secrets) and keeps granting whatever verbs and "
            + "resources a later Kubernetes version adds.",
        Remediation: """
            List the resources and verbs the role needs; name Secrets explicitly, and by resourceNames where you can:
              rules:
                - apiGroups: [""]
                  resources: ["secrets"]
                  resourceNames: ["app-db-credentials"]
                  verbs: ["get"]
            """,
        Category: "Security",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "rbac")
    {
        RequiredKinds = ["clusterroles.rbac.authorization.k8s.io", "roles.rbac.authorization.k8s.io"],
        Controls = ["cis-1.9:5.1.2", "cis-1.9:5.1.3", "nsa-cisa:rbac"],
        ExampleFailure = "Role shop/operator reaches Secrets through a wildcard: apiGroups [\"\"], resources [\"*\"], verbs [\"get\", \"list\"]",
    };

    public override CheckResult Evaluate(in ObjectContext context)
    {
        if (context.Object is not RbacRole role || role.IsBuiltIn)
        {
            return CheckResult.NotApplicable;
        }

        return RbacGrants.SecretsByWildcard(role) is { } rule
            ? CheckResult.Fail($"{role.Describe()} reaches Secrets through a wildcard: {rule}")
            : CheckResult.Pass;
    }
}
