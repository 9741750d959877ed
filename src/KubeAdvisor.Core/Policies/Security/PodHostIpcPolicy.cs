namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>pod-host-ipc</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class PodHostIpcPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "pod-host-ipc",
        Title: "Pod shares the host IPC namespace",
        Description: "The pod template sets spec.hostIPC: true, so its containers share the node's System V IPC and POSIX "
            + "message queues. One check per workload (the field is pod-level; containers cannot override it).",
        Rationale: "With the host IPC namespace a container can read and write the shared memory segments of every process on "
            + "the node, a direct path to other workloads' data.",
        Remediation: """
            Remove the field (it defaults to false) or set it explicitly:
              spec:
                hostIPC: false
            Pods that need shared memory between their own containers can mount an emptyDir with medium: Memory.
            """,
        Category: "Security",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["pss-baseline:host-namespaces", "cis-1.9:5.2.4", "nsa-cisa:pod-security"],
        Polaris = ["hostIPCSet"],
    };

    public override CheckResult Evaluate(in WorkloadContext context) =>
        context.Pod.HostIpc
            ? CheckResult.Fail("the pod sets hostIPC: true, sharing the node's IPC namespace")
            : CheckResult.Pass;
}
