namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>pod-host-network</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class PodHostNetworkPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "pod-host-network",
        Title: "Pod uses the host network",
        Description: "The pod template sets spec.hostNetwork: true, so its containers share the node's network namespace. One "
            + "check per workload (the field is pod-level; containers cannot override it).",
        Rationale: "A pod on the host network sees every interface of the node, can bind its ports and reach services "
            + "listening on localhost (kubelet, metadata endpoints), and bypasses NetworkPolicies.",
        Remediation: """
            Remove the field (it defaults to false) or set it explicitly:
              spec:
                hostNetwork: false
            Expose the pod through a Service (or a hostPort-free DaemonSet behind a NodePort/LoadBalancer) instead.
            """,
        Category: "Security",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["pss-baseline:host-namespaces", "cis-1.9:5.2.5", "nsa-cisa:pod-security"],
        Polaris = ["hostNetworkSet"],
    };

    public override CheckResult Evaluate(in WorkloadContext context) =>
        context.Pod.HostNetwork
            ? CheckResult.Fail("the pod sets hostNetwork: true, sharing the node's network namespace")
            : CheckResult.Pass;
}
