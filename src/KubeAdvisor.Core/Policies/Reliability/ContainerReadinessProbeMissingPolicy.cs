namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>container-readiness-probe-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerReadinessProbeMissingPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-readiness-probe-missing",
        Title: "Readiness probe missing",
        Description: "A regular container, or a native sidecar (init container with restartPolicy: Always, whose readiness "
            + "counts towards the pod's), has no readinessProbe. Not applicable to plain init containers and ephemeral containers, "
            + "to Jobs and CronJobs, and to pods with restartPolicy OnFailure or Never.",
        Rationale: "Without a readiness probe a pod is Ready as soon as its containers start: Services send it traffic before "
            + "it can serve, and rolling updates proceed while the new version still fails.",
        Remediation: """
            Add a probe that says whether the container can serve now:
              readinessProbe:
                httpGet:
                  path: /ready
                  port: 8080
                periodSeconds: 5
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "reliability")
    {
        Polaris = ["readinessProbeMissing"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (!Probes.Apply(in context))
        {
            return CheckResult.NotApplicable;
        }

        return context.Container.HasReadinessProbe
            ? CheckResult.Pass
            : CheckResult.Fail($"container {context.Container.Name} has no readinessProbe, so it receives traffic as soon as it starts");
    }
}
