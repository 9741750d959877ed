namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>container-proc-mount-unmasked</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerProcMountUnmaskedPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-proc-mount-unmasked",
        Title: "/proc is mounted unmasked",
        Description: "The container's securityContext.procMount is Unmasked (a container-only field; unset and Default "
            + "pass). Judged on init, regular and ephemeral containers; not applicable on Windows pods.",
        Rationale: "The runtime normally masks and makes read-only the parts of /proc that expose the host kernel "
            + "(/proc/kcore, /proc/sysrq-trigger, /proc/sys, …). Unmasked removes that protection, which exists for "
            + "nested container runtimes and little else.",
        Remediation: """
            Remove the field, or set the default:
              securityContext:
                procMount: Default
            """,
        Category: "Security",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["pss-baseline:proc-mount"],
        Polaris = ["procMount"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (context.Pod.IsWindows)
        {
            return CheckResult.NotApplicable;
        }

        return context.Container.SecurityContext?.ProcMount == "Unmasked"
            ? CheckResult.Fail($"container {context.Container.Name} sets procMount: Unmasked, exposing the host's /proc")
            : CheckResult.Pass;
    }
}
