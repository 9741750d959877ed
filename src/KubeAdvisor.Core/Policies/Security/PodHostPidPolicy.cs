namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>pod-host-pid</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class PodHostPidPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "pod-host-pid",
        Title: "Pod shares the host PID namespace",
        Description: "The pod template sets spec.hostPID: true, so its containers see every process of the node. One check per "
            + "workload (the field is pod-level; containers cannot override it).",
        Rationale: "With the host PID namespace a container can see, signal and (with ptrace) inspect every process on the "
            + "node, including other pods' processes and their environment.",
        Remediation: """
            Remove the field (it defaults to false) or set it explicitly:
              spec:
                hostPID: false
            To share processes between the pod's own containers, use shareProcessNamespace: true instead.
            """,
        Category: "Security",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["pss-baseline:host-namespaces", "cis-1.9:5.2.3", "nsa-cisa:pod-security"],
        Polaris = ["hostPIDSet"],
    };

    public override CheckResult Evaluate(in WorkloadContext context) =>
        context.Pod.HostPid
            ? CheckResult.Fail("the pod sets hostPID: true, seeing every process of the node")
            : CheckResult.Pass;
}
