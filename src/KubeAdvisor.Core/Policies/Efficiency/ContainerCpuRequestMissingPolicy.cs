namespace KubeAdvisor.Core.Policies.Efficiency;

/// <summary>The <c>container-cpu-request-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerCpuRequestMissingPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-cpu-request-missing",
        Title: "CPU request missing",
        Description: "The container sets no CPU request: neither resources.requests.cpu nor resources.limits.cpu (Kubernetes "
            + "copies a limit into an unset request), and the pod sets no pod-level resources.requests.cpu or "
            + "limits.cpu. A zero quantity counts as unset. Judged on init containers (their requests count towards the "
            + "pod's) and regular containers; not applicable to ephemeral containers, which the API forbids to set "
            + "resources. A LimitRange default is applied at admission, so a live scan sees it; a manifest does not.",
        Rationale: "The scheduler places pods by their requests: without one the container reserves no CPU, nodes get "
            + "overcommitted, and under contention it is the first to be starved (and the pod is BestEffort when nothing "
            + "at all is requested).",
        Remediation: """
            Request what the container needs at its usual load:
              resources:
                requests:
                  cpu: 250m
            """,
        Category: "Efficiency",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "efficiency")
    {
        Controls = ["nsa-cisa:resource-policies"],
        Polaris = ["cpuRequestsMissing"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (!Resources.Apply(in context))
        {
            return CheckResult.NotApplicable;
        }

        var own = context.Container.Resources;
        var pod = context.Pod.Resources;
        return Resources.IsSet(own.CpuRequest) || Resources.IsSet(own.CpuLimit)
            || Resources.IsSet(pod?.CpuRequest) || Resources.IsSet(pod?.CpuLimit)
            ? CheckResult.Pass
            : CheckResult.Fail($"container {context.Container.Name} requests no CPU (no requests.cpu or limits.cpu, none at pod level)");
    }
}
