namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>workload-autoscaler-fixed-size</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadAutoscalerFixedSizePolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-autoscaler-fixed-size",
        Title: "Autoscaler has no room to scale",
        Description: "A HorizontalPodAutoscaler (autoscaling/v2) whose spec.scaleTargetRef names the workload (same "
            + "namespace, kind and name) has spec.maxReplicas equal to (or, in a manifest the API would refuse, below) "
            + "spec.minReplicas; an unset minReplicas is 1. Judged on the workload the autoscaler scales, of any kind. "
            + "Not applicable to workloads no autoscaler scales.",
        Rationale: "An autoscaler whose bounds meet can never change the replica count: load peaks are not absorbed, and "
            + "the object only hides that the size is fixed (and fights anyone who edits spec.replicas).",
        Remediation: """
            Leave the autoscaler room above its minimum, or delete it and set spec.replicas on the workload:
              apiVersion: autoscaling/v2
              kind: HorizontalPodAutoscaler
              spec:
                minReplicas: 2
                maxReplicas: 6
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.Low,
        DefaultEnabled: false,
        Pack: "reliability")
    {
        RequiredKinds = ["horizontalpodautoscalers.autoscaling"],
        Polaris = ["hpaMaxAvailability"],
        PolarisDifference = "Polaris judges the autoscaler object and compares the bounds only when minReplicas is set, so "
            + "minReplicas unset with maxReplicas: 1 passes there; KubeAdvisor applies the API's default of 1, so it fails, "
            + "and judges the autoscaler on the workload it scales (an autoscaler whose target is not in the scan is not judged).",
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        var workload = context.Workload;
        var autoscalers = AutoscalerIndex.Of(context.Snapshot, workload);
        if (autoscalers.Length == 0)
        {
            return CheckResult.NotApplicable;
        }

        foreach (var autoscaler in autoscalers)
        {
            if (autoscaler.MaxReplicas <= autoscaler.MinReplicas)
            {
                return CheckResult.Fail($"HorizontalPodAutoscaler {autoscaler.Name} cannot scale {workload.Kind} {workload.Name}: "
                    + $"maxReplicas {autoscaler.MaxReplicas}, minReplicas {autoscaler.MinReplicas}");
            }
        }

        return CheckResult.Pass;
    }
}
