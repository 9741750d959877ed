namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>container-seccomp-unconfined</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerSeccompUnconfinedPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-seccomp-unconfined",
        Title: "Seccomp profile is unset or Unconfined",
        Description: "The effective seccompProfile.type (the container's, else the pod securityContext's) is unset or "
            + "Unconfined; RuntimeDefault and Localhost pass. Unset means Unconfined unless the kubelet runs with "
            + "--seccomp-default, which is off by default. A privileged container fails whatever its profile, because runtimes "
            + "apply no seccomp filter to privileged containers. The removed seccomp annotations are not read. Judged on init, "
            + "regular and ephemeral containers; not applicable on Windows pods.",
        Rationale: "Without a seccomp filter every system call is open to the container, including the rarely needed ones "
            + "behind many kernel container escapes (unshare, keyctl, bpf, …). RuntimeDefault blocks them at no cost for most apps.",
        Remediation: """
            Set the runtime's default profile once for the pod (containers inherit it):
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
        Controls = ["pss-restricted:seccomp", "cis-1.9:5.7.2", "nsa-cisa:container-hardening"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (context.Pod.IsWindows)
        {
            return CheckResult.NotApplicable;
        }

        var name = context.Container.Name;
        var type = context.EffectiveSeccompProfileType;
        if (context.Container.SecurityContext?.Privileged == true)
        {
            return CheckResult.Fail($"container {name} is privileged, so no seccomp filter applies whatever its profile");
        }

        return type switch
        {
            "RuntimeDefault" or "Localhost" => CheckResult.Pass,
            null => CheckResult.Fail($"neither container {name} nor its pod sets a seccompProfile, so it runs Unconfined"),
            _ => CheckResult.Fail($"container {name} runs with seccompProfile type {type}"),
        };
    }
}
