namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>container-liveness-probe-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerLivenessProbeMissingPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-liveness-probe-missing",
        Title: "Liveness probe missing",
        Description: "A regular container, or a native sidecar (init container with restartPolicy: Always), has no livenessProbe. "
            + "Not applicable to plain init containers and ephemeral containers (Kubernetes does not probe them), to Jobs and "
            + "CronJobs, and to pods with restartPolicy OnFailure or Never (they run to completion).",
        Rationale: "Without a liveness probe the kubelet restarts a container only when its process exits: a deadlocked or "
            + "wedged process keeps its pod Running and its share of traffic until someone notices.",
        Remediation: """
            Add a cheap probe of the process's own health (not of its dependencies):
              livenessProbe:
                httpGet:
                  path: /healthz
                  port: 8080
                periodSeconds: 10
                failureThreshold: 3
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "reliability")
    {
        Polaris = ["livenessProbeMissing"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (!Probes.Apply(in context))
        {
            return CheckResult.NotApplicable;
        }

        return context.Container.HasLivenessProbe
            ? CheckResult.Pass
            : CheckResult.Fail($"container {context.Container.Name} has no livenessProbe, so a hung process is never restarted");
    }
}
