namespace KubeAdvisor.Core.Policies.Efficiency;

/// <summary>The <c>container-memory-limit-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerMemoryLimitMissingPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-memory-limit-missing",
        Title: "Memory limit missing",
        Description: "The container sets no resources.limits.memory and the pod sets no pod-level resources.limits.memory. A "
            + "zero quantity counts as unset. Judged on init containers (their requests count towards the pod's) and "
            + "regular containers; not applicable to ephemeral containers, which the API forbids to set resources. A "
            + "LimitRange default is applied at admission, so a live scan sees it; a manifest does not.",
        Rationale: "Memory cannot be throttled, only reclaimed by killing: a container without a limit can leak until the "
            + "node runs out of memory and the kernel OOM-kills processes of other pods. A limit confines the OOM kill "
            + "to the leaking container.",
        Remediation: """
            Cap memory (equal to the request gives the most predictable behaviour):
              resources:
                requests:
                  memory: 256Mi
                limits:
                  memory: 256Mi
            """,
        Category: "Efficiency",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "efficiency")
    {
        Controls = ["nsa-cisa:resource-policies"],
        Polaris = ["memoryLimitsMissing"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (!Resources.Apply(in context))
        {
            return CheckResult.NotApplicable;
        }

        var own = context.Container.Resources;
        var pod = context.Pod.Resources;
        return Resources.IsSet(own.MemoryLimit) || Resources.IsSet(pod?.MemoryLimit)
            ? CheckResult.Pass
            : CheckResult.Fail($"container {context.Container.Name} has no memory limit (no limits.memory, none at pod level)");
    }
}
