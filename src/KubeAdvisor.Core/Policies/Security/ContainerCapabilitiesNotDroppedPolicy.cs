namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>container-capabilities-not-dropped</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerCapabilitiesNotDroppedPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-capabilities-not-dropped",
        Title: "Capabilities are not dropped",
        Description: "securityContext.capabilities.drop does not contain ALL (case-insensitive, CAP_ prefix allowed), so the "
            + "runtime's default set (CHOWN, DAC_OVERRIDE, NET_RAW, SETUID, …) stays. A privileged container fails whatever it "
            + "drops, because privileged grants every capability. Capabilities are container-only. Judged on init, regular and "
            + "ephemeral containers; not applicable on Windows pods.",
        Rationale: "The default capability set is more than most processes need: NET_RAW allows packet spoofing on the pod "
            + "network, DAC_OVERRIDE bypasses file permissions. The Pod Security Standards (restricted) require dropping ALL.",
        Remediation: """
            Drop all capabilities and add back only what is needed:
              securityContext:
                capabilities:
                  drop: ["ALL"]
            """,
        Category: "Security",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["pss-restricted:capabilities", "cis-1.9:5.2.8", "cis-1.9:5.2.10"],
        Polaris = ["insecureCapabilities"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (context.Pod.IsWindows)
        {
            return CheckResult.NotApplicable;
        }

        var security = context.Container.SecurityContext;
        if (security?.Privileged == true)
        {
            return CheckResult.Fail($"container {context.Container.Name} is privileged, so it keeps every capability whatever it drops");
        }

        if (security is not null)
        {
            foreach (var capability in security.CapabilitiesDrop)
            {
                if (Capabilities.IsAll(capability))
                {
                    return CheckResult.Pass;
                }
            }
        }

        return CheckResult.Fail($"container {context.Container.Name} does not drop ALL capabilities, so it keeps the runtime's default set");
    }
}
