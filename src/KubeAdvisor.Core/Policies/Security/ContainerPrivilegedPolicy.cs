namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>container-privileged</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerPrivilegedPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-privileged",
        Title: "Container runs privileged",
        Description: "The container's securityContext.privileged is true. privileged is a container-only field (the pod securityContext "
            + "has none). Judged on init, regular and ephemeral containers; not applicable on Windows pods (spec.os.name: windows), "
            + "where the API forbids the field.",
        Rationale: "A privileged container gets every capability, every host device and no seccomp or AppArmor confinement: "
            + "it is root on the node, and one compromised process owns the node and every pod on it.",
        Remediation: """
            Remove privileged and add only the capability the workload really needs:
              securityContext:
                privileged: false
                capabilities:
                  drop: ["ALL"]
                  add: ["NET_BIND_SERVICE"]
            """,
        Category: "Security",
        DefaultSeverity: Severity.Critical,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["pss-baseline:privileged", "cis-1.9:5.2.2", "nsa-cisa:pod-security"],
        Polaris = ["runAsPrivileged"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (context.Pod.IsWindows)
        {
            return CheckResult.NotApplicable;
        }

        return context.Container.SecurityContext?.Privileged == true
            ? CheckResult.Fail($"container {context.Container.Name} sets privileged: true, which gives it every capability and every host device")
            : CheckResult.Pass;
    }
}
