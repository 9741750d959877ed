namespace KubeAdvisor.Core.Policies.Efficiency;

/// <summary>The <c>container-cpu-limit-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerCpuLimitMissingPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-cpu-limit-missing",
        Title: "CPU limit missing",
        Description: "The container sets no resources.limits.cpu and the pod sets no pod-level resources.limits.cpu. A zero "
            + "quantity counts as unset. Off by default, and not switched on with the efficiency pack: enable it per "
            + "policy where hard CPU caps are required. Judged on init containers (their requests count towards the "
            + "pod's) and regular containers; not applicable to ephemeral containers, which the API forbids to set "
            + "resources. A LimitRange default is applied at admission, so a live scan sees it; a manifest does not.",
        Rationale: "Off by default on purpose: CPU is compressible, so a container without a CPU limit only uses idle CPU "
            + "beyond its request and gives it back under contention, while a CFS limit throttles it even on an idle "
            + "node, adding latency (often in 100 ms periods) to multi-threaded apps. Requests already guarantee fair "
            + "shares. Enable it only where hard caps are required (strict multi-tenancy, chargeback, Guaranteed QoS for "
            + "CPU pinning).",
        Remediation: """
            Where a hard cap is wanted, set the limit (equal to the request for Guaranteed QoS):
              resources:
                requests:
                  cpu: 500m
                limits:
                  cpu: 500m
            """,
        Category: "Efficiency",
        DefaultSeverity: Severity.Low,
        DefaultEnabled: false,
        Pack: "efficiency")
    {
        Controls = ["nsa-cisa:resource-policies"],
        EnabledWithPack = false,
        Polaris = ["cpuLimitsMissing"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (!Resources.Apply(in context))
        {
            return CheckResult.NotApplicable;
        }

        var own = context.Container.Resources;
        var pod = context.Pod.Resources;
        return Resources.IsSet(own.CpuLimit) || Resources.IsSet(pod?.CpuLimit)
            ? CheckResult.Pass
            : CheckResult.Fail($"container {context.Container.Name} has no CPU limit (no limits.cpu, none at pod level)");
    }
}
