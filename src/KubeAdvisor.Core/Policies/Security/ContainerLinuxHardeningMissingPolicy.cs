namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>container-linux-hardening-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerLinuxHardeningMissingPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-linux-hardening-missing",
        Title: "No Linux security module confines the container",
        Description: "None of the three Linux confinements applies to the container: its effective seccompProfile.type "
            + "(the container's, else the pod's) is neither RuntimeDefault nor Localhost; its effective "
            + "appArmorProfile.type is neither RuntimeDefault nor Localhost; and neither it nor its pod sets "
            + "seLinuxOptions. Any one of them passes; a privileged container fails whatever it sets, because runtimes "
            + "apply none of them to privileged containers. The AppArmor annotations that preceded the field are not "
            + "read. Judged on init, regular and ephemeral containers; not applicable on Windows pods. The stricter "
            + "container-seccomp-unconfined asks for seccomp in particular.",
        Rationale: "Seccomp, AppArmor and SELinux are the kernel's second line behind namespaces: a container escape "
            + "usually needs a system call, file or label that one of them denies. A container with none of them relies "
            + "on namespaces alone.",
        Remediation: """
            The cheapest confinement is the runtime's default seccomp profile, set once for the pod:
              spec:
                securityContext:
                  seccompProfile:
                    type: RuntimeDefault
            """,
        Category: "Security",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["cis-1.9:5.7.3", "nsa-cisa:container-hardening"],
        Polaris = ["linuxHardening"],
        PolarisDifference = "Polaris also accepts dropping all capabilities as hardening. KubeAdvisor judges dropped "
            + "capabilities on their own (container-capabilities-not-dropped) and asks here for a security module, "
            + "and it fails a privileged container whatever profile it names, because no profile applies to one.",
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (context.Pod.IsWindows)
        {
            return CheckResult.NotApplicable;
        }

        var name = context.Container.Name;
        if (context.Container.SecurityContext?.Privileged == true)
        {
            return CheckResult.Fail($"container {name} is privileged, so no seccomp, AppArmor or SELinux confinement applies");
        }

        return IsProfile(context.EffectiveSeccompProfileType) || IsProfile(context.EffectiveAppArmorProfileType)
            || context.EffectiveHasSeLinuxOptions
            ? CheckResult.Pass
            : CheckResult.Fail($"container {name} runs with no seccomp profile, AppArmor profile or SELinux options");
    }

    private static bool IsProfile(string? type) => type is "RuntimeDefault" or "Localhost";
}
