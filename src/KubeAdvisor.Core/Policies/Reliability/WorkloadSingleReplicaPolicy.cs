namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>workload-single-replica</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadSingleReplicaPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-single-replica",
        Title: "Single replica",
        Description: "A Deployment or StatefulSet has spec.replicas 1 (unset means 1). Not applicable to other kinds "
            + "(DaemonSets run one pod per node; Jobs and CronJobs are not judged on replicas) nor to a workload scaled to 0 "
            + "on purpose. A live scan reads replicas as the HorizontalPodAutoscaler last set them.",
        Rationale: "One replica means downtime on every rollout, node drain, eviction or crash: nothing else serves while the "
            + "single pod is rescheduled and starts.",
        Remediation: """
            Run at least two replicas, spread over nodes:
              spec:
                replicas: 2
                template:
                  spec:
                    topologySpreadConstraints:
                      - maxSkew: 1
                        topologyKey: kubernetes.io/hostname
                        whenUnsatisfiable: ScheduleAnyway
                        labelSelector: {matchLabels: {app: web}}
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "reliability")
    {
        Polaris = ["deploymentMissingReplicas"],
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        var workload = context.Workload;
        if (workload.Kind is not ("Deployment" or "StatefulSet") || workload.Replicas is not { } replicas || replicas == 0)
        {
            return CheckResult.NotApplicable;
        }

        return replicas > 1
            ? CheckResult.Pass
            : CheckResult.Fail($"{workload.Kind} {workload.Name} runs a single replica");
    }
}
