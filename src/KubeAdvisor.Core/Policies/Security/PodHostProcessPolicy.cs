namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>pod-host-process</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class PodHostProcessPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "pod-host-process",
        Title: "Windows HostProcess container",
        Description: "The container runs as a Windows HostProcess container: its securityContext.windowsOptions.hostProcess is "
            + "true, or it leaves the field unset and the pod's securityContext.windowsOptions.hostProcess is true. Judged on "
            + "init, regular and ephemeral containers of any pod (the field only takes effect on Windows nodes, but a pod "
            + "that asks for it is judged wherever it is scheduled).",
        Rationale: "A HostProcess container runs directly on the Windows node, outside any container isolation, with the "
            + "node's network and file system and, typically, as SYSTEM: it is the Windows equivalent of a privileged pod "
            + "on the host network.",
        Remediation: """
            Run as an ordinary Windows container; keep HostProcess for node agents that an Admin reviewed:
              spec:
                securityContext:
                  windowsOptions:
                    hostProcess: false
            """,
        Category: "Security",
        DefaultSeverity: Severity.Critical,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["pss-baseline:host-process", "cis-1.9:5.2.11", "nsa-cisa:pod-security"],
        Polaris = ["hostProcess"],
    };

    public override CheckResult Evaluate(in ContainerContext context) =>
        context.EffectiveHostProcess
            ? CheckResult.Fail($"container {context.Container.Name} runs as a Windows HostProcess container, outside container isolation")
            : CheckResult.Pass;
}
