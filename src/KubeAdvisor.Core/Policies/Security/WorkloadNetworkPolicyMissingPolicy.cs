namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>workload-network-policy-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadNetworkPolicyMissingPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-network-policy-missing",
        Title: "No NetworkPolicy isolates the pods' ingress",
        Description: "No networking.k8s.io/v1 NetworkPolicy in the workload's namespace both selects its pod template "
            + "labels (spec.podSelector: matchLabels and matchExpressions; an empty podSelector {} selects every pod of "
            + "the namespace) and applies to ingress (spec.policyTypes contains Ingress, or is unset, which Kubernetes "
            + "reads as Ingress). A policy without ingress rules counts: it denies all ingress. One check per workload, "
            + "of every kind. Not applicable to pods with hostNetwork: true, which NetworkPolicies do not reliably cover "
            + "(pod-host-network judges those), nor to a snapshot from an agent too old to list NetworkPolicies.",
        Rationale: "Without a NetworkPolicy a pod accepts connections from every pod of the cluster: one compromised "
            + "workload can reach databases, internal APIs and admin ports anywhere. A namespace-wide default deny plus "
            + "narrow allows keeps each service reachable only by its clients.",
        Remediation: """
            Deny ingress by default in the namespace, then allow what each workload needs:
              apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata:
                name: default-deny-ingress
                namespace: shop
              spec:
                podSelector: {}
                policyTypes: ["Ingress"]
            """,
        Category: "Security",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "security")
    {
        RequiredKinds = ["networkpolicies.networking.k8s.io"],
        Controls = ["cis-1.9:5.3.2", "nsa-cisa:network-policies"],
        Polaris = ["missingNetworkPolicy"],
        PolarisDifference = "Polaris asks for a NetworkPolicy whose podSelector.matchLabels shares at least one label with the "
            + "pod and that has both ingress and egress rules and both policy types, and fails pods without labels. "
            + "KubeAdvisor asks for ingress isolation, as CIS 5.3.2 and the NSA/CISA guide's default deny do: it selects "
            + "pods as Kubernetes does (so the usual namespace-wide podSelector {} counts, and every matchLabels pair must "
            + "match), counts a policy without rules as a deny-all, and does not judge egress.",
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        if (context.Pod.HostNetwork || !context.Snapshot.HasNetworkPolicyList)
        {
            return CheckResult.NotApplicable;
        }

        var workload = context.Workload;
        string? egressOnly = null;
        foreach (var policy in NetworkPolicyIndex.InNamespace(context.Snapshot, workload.Namespace))
        {
            if (policy.Selects(workload.Template.Labels))
            {
                if (policy.IsolatesIngress)
                {
                    return CheckResult.Pass;
                }

                egressOnly ??= policy.Name;
            }
        }

        return CheckResult.Fail(egressOnly is null
            ? $"no NetworkPolicy in namespace {workload.Namespace} selects the pods of {workload.Kind} {workload.Name}, so every pod of the cluster can connect to them"
            : $"NetworkPolicy {egressOnly} selects the pods of {workload.Kind} {workload.Name} for egress only; none isolates their ingress, so every pod of the cluster can connect to them");
    }
}
