namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>workload-autoscaler-single-replica</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadAutoscalerSingleReplicaPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-autoscaler-single-replica",
        Title: "Autoscaler may scale down to one replica",
        Description: "A HorizontalPodAutoscaler (autoscaling/v2) whose spec.scaleTargetRef names the workload (same "
            + "namespace, kind and name) has spec.minReplicas below 2; unset means 1. Judged on the workload the "
            + "autoscaler scales, of any kind. Not applicable to workloads no autoscaler scales, nor to an autoscaler with "
            + "minReplicas 0 (scale to zero, which is deliberate).",
        Rationale: "In a quiet hour the autoscaler shrinks the workload to its minimum: at one replica every rollout, "
            + "node drain, eviction or crash is downtime until the single pod is rescheduled and ready, whatever the "
            + "workload's own spec.replicas says.",
        Remediation: """
            Keep at least two replicas at the bottom of the range:
              apiVersion: autoscaling/v2
              kind: HorizontalPodAutoscaler
              spec:
                minReplicas: 2
                maxReplicas: 10
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "reliability")
    {
        RequiredKinds = ["horizontalpodautoscalers.autoscaling"],
        Polaris = ["hpaMinAvailability"],
        PolarisDifference = "Polaris judges the autoscaler object and passes one that leaves minReplicas unset; KubeAdvisor "
            + "applies the API's default of 1, so that one fails, and judges the autoscaler on the workload it scales (an "
            + "autoscaler whose target is not in the scan is not judged). minReplicas 0 (scale to zero) is not judged here.",
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        var workload = context.Workload;
        var judged = false;
        foreach (var autoscaler in AutoscalerIndex.Of(context.Snapshot, workload))
        {
            if (autoscaler.MinReplicas == 0)
            {
                continue;
            }

            judged = true;
            if (autoscaler.MinReplicas < 2)
            {
                return CheckResult.Fail($"HorizontalPodAutoscaler {autoscaler.Name} may scale {workload.Kind} {workload.Name} "
                    + $"down to a single replica (minReplicas {autoscaler.MinReplicas})");
            }
        }

        return judged ? CheckResult.Pass : CheckResult.NotApplicable;
    }
}
