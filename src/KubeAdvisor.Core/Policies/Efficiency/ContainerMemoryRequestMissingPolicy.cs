namespace KubeAdvisor.Core.Policies.Efficiency;

/// <summary>The <c>container-memory-request-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerMemoryRequestMissingPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-memory-request-missing",
        Title: "Memory request missing",
        Description: "The container sets no memory request: neither resources.requests.memory nor resources.limits.memory "
            + "(Kubernetes copies a limit into an unset request), and the pod sets no pod-level "
            + "resources.requests.memory or limits.memory. A zero quantity counts as unset. Judged on init containers "
            + "(their requests count towards the pod's) and regular containers; not applicable to ephemeral containers, "
            + "which the API forbids to set resources. A LimitRange default is applied at admission, so a live scan sees "
            + "it; a manifest does not.",
        Rationale: "Without a memory request the scheduler reserves nothing for the container: nodes are overcommitted, and "
            + "under memory pressure the kubelet evicts pods that use more than they requested first.",
        Remediation: """
            Request the container's usual working set:
              resources:
                requests:
                  memory: 256Mi
            """,
        Category: "Efficiency",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "efficiency")
    {
        Controls = ["nsa-cisa:resource-policies"],
        Polaris = ["memoryRequestsMissing"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (!Resources.Apply(in context))
        {
            return CheckResult.NotApplicable;
        }

        var own = context.Container.Resources;
        var pod = context.Pod.Resources;
        return Resources.IsSet(own.MemoryRequest) || Resources.IsSet(own.MemoryLimit)
            || Resources.IsSet(pod?.MemoryRequest) || Resources.IsSet(pod?.MemoryLimit)
            ? CheckResult.Pass
            : CheckResult.Fail($"container {context.Container.Name} requests no memory (no requests.memory or limits.memory, none at pod level)");
    }
}
