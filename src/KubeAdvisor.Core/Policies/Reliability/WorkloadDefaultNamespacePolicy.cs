namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>workload-default-namespace</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadDefaultNamespacePolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-default-namespace",
        Title: "Workload in the default namespace",
        Description: "The workload's namespace is 'default' (a manifest without metadata.namespace lands there). Every kind "
            + "is judged. One check per workload.",
        Rationale: "The default namespace is where everything lands by accident: quotas, NetworkPolicies, RBAC and ownership "
            + "are rarely set up for it, and a kubectl apply without -n can overwrite a workload that lives there.",
        Remediation: """
            Give the application its own namespace:
              apiVersion: v1
              kind: Namespace
              metadata:
                name: shop
            and set metadata.namespace: shop on its objects (or kubectl apply -n shop).
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.Low,
        DefaultEnabled: false,
        Pack: "reliability")
    {
        Controls = ["cis-1.9:5.7.4", "nsa-cisa:namespaces"],
    };

    public override CheckResult Evaluate(in WorkloadContext context) =>
        context.Workload.Namespace == "default"
            ? CheckResult.Fail($"{context.Workload.Kind} {context.Workload.Name} is in the default namespace")
            : CheckResult.Pass;
}
