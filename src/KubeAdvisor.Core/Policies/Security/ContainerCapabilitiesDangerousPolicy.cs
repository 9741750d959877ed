namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>container-capabilities-dangerous</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerCapabilitiesDangerousPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-capabilities-dangerous",
        Title: "Dangerous capabilities added",
        Description: "securityContext.capabilities.add contains a capability outside the Pod Security Standards baseline set "
            + "(AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, "
            + "SYS_CHROOT), e.g. ALL, SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE, SYS_MODULE, BPF. Names compare case-insensitively "
            + "with or without the CAP_ prefix, as runtimes read them. Capabilities are container-only. Judged on init, regular "
            + "and ephemeral containers; not applicable on Windows pods.",
        Rationale: "SYS_ADMIN is close to root on the host, NET_ADMIN rewrites the node's network, SYS_PTRACE reads other "
            + "processes' memory, SYS_MODULE loads kernel code: each turns a container compromise into a node compromise.",
        Remediation: """
            Drop everything and add back only what the process needs from the baseline set:
              securityContext:
                capabilities:
                  drop: ["ALL"]
                  add: ["NET_BIND_SERVICE"]
            Workloads that truly need more (CNI agents, …) belong in an excluded namespace or carry the
            kubeadvisor.io/exempt: "container-capabilities-dangerous" annotation.
            """,
        Category: "Security",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["pss-baseline:capabilities", "cis-1.9:5.2.9", "nsa-cisa:pod-security"],
        Polaris = ["dangerousCapabilities"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (context.Pod.IsWindows)
        {
            return CheckResult.NotApplicable;
        }

        var added = context.Container.SecurityContext?.CapabilitiesAdd;
        if (added is null || added.Count == 0)
        {
            return CheckResult.Pass;
        }

        List<string>? dangerous = null;
        foreach (var capability in added)
        {
            if (!Capabilities.IsBaselineAllowed(capability))
            {
                (dangerous ??= []).Add(capability);
            }
        }

        return dangerous is null
            ? CheckResult.Pass
            : CheckResult.Fail($"container {context.Container.Name} adds {string.Join(", ", dangerous)}, outside the baseline capability set");
    }
}
