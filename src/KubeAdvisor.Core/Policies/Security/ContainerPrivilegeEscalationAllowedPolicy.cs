namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>container-privilege-escalation-allowed</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerPrivilegeEscalationAllowedPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-privilege-escalation-allowed",
        Title: "Privilege escalation is allowed",
        Description: "The container's securityContext.allowPrivilegeEscalation is not false. The field is container-only and "
            + "defaults to true when unset, so unset fails. (The API always treats it as true for privileged containers and "
            + "those adding SYS_ADMIN, and rejects false in those cases.) Judged on init, regular and ephemeral containers; "
            + "not applicable on Windows pods.",
        Rationale: "With escalation allowed, the no_new_privs flag is not set: a setuid binary or file capability in the image "
            + "lets a compromised process gain more privileges than the container started with.",
        Remediation: """
            Set it explicitly on every container:
              securityContext:
                allowPrivilegeEscalation: false
            """,
        Category: "Security",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["pss-restricted:privilege-escalation", "cis-1.9:5.2.6", "nsa-cisa:pod-security"],
        Polaris = ["privilegeEscalationAllowed"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (context.Pod.IsWindows)
        {
            return CheckResult.NotApplicable;
        }

        return context.Container.SecurityContext?.AllowPrivilegeEscalation switch
        {
            false => CheckResult.Pass,
            true => CheckResult.Fail($"container {context.Container.Name} sets allowPrivilegeEscalation: true"),
            null => CheckResult.Fail($"container {context.Container.Name} does not set allowPrivilegeEscalation, which then defaults to true"),
        };
    }
}
