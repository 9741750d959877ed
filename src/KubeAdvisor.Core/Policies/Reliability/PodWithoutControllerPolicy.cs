namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>pod-without-controller</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class PodWithoutControllerPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "pod-without-controller",
        Title: "Bare Pod without a controller",
        Description: "The workload is a Pod with no controlling ownerReference. Pods owned by any controller pass, including "
            + "controllers KubeAdvisor does not know (an Argo Rollout) and static pods, whose mirror pods are owned by their Node. "
            + "One check per workload.",
        Rationale: "Nothing recreates a bare Pod: when its node fails, is drained or the pod is evicted, it is gone for good, "
            + "and it cannot be rolled out or scaled.",
        Remediation: """
            Run it under a controller, e.g. a Deployment (or a Job for a one-off task):
              apiVersion: apps/v1
              kind: Deployment
              spec:
                replicas: 2
                selector: {matchLabels: {app: tool}}
                template:
                  metadata: {labels: {app: tool}}
                  spec: {containers: [{name: tool, image: registry.internal/tool:1.0}]}
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "reliability");

    public override CheckResult Evaluate(in WorkloadContext context) =>
        context.Workload.Kind == "Pod"
            ? CheckResult.Fail($"pod {context.Workload.Name} has no controller; nothing recreates it if its node goes away")
            : CheckResult.Pass;
}
