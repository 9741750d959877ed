namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>workload-topology-spread-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadTopologySpreadMissingPolicy : WorkloadPolicy
{
    private static readonly string[] SpreadKeys = ["kubernetes.io/hostname", "topology.kubernetes.io/zone"];

    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-topology-spread-missing",
        Title: "Replicas are not spread",
        Description: "A workload with spec.replicas of 2 or more (Deployment, StatefulSet, ReplicaSet, "
            + "ReplicationController) has neither a topologySpreadConstraints entry over kubernetes.io/hostname or "
            + "topology.kubernetes.io/zone nor any podAntiAffinity term in its pod template. Not applicable to "
            + "single-replica workloads, DaemonSets (one pod per node by design), Jobs, CronJobs and bare Pods. A "
            + "cluster-level default spread configured in the scheduler is not visible to a scan.",
        Rationale: "Replicas exist to survive the loss of one node or zone; without a spread the scheduler may put them "
            + "all on the same node, and one node failure or drain takes the whole workload down.",
        Remediation: """
            Spread the replicas over nodes (and zones, where there are several):
              spec:
                template:
                  spec:
                    topologySpreadConstraints:
                      - maxSkew: 1
                        topologyKey: kubernetes.io/hostname
                        whenUnsatisfiable: ScheduleAnyway
                        labelSelector: {matchLabels: {app: web}}
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.Low,
        DefaultEnabled: false,
        Pack: "reliability")
    {
        Polaris = ["topologySpreadConstraint"],
        PolarisDifference = "Polaris asks every controller but Jobs for a spread constraint, even with one replica, and does "
            + "not accept anti-affinity. KubeAdvisor judges only workloads with several replicas, where a spread can "
            + "matter, and accepts a podAntiAffinity term as the older way to the same end.",
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        var workload = context.Workload;
        if (workload.Replicas is not >= 2 || workload.Kind is "Job" or "CronJob" or "DaemonSet" or "Pod")
        {
            return CheckResult.NotApplicable;
        }

        var pod = context.Pod;
        return pod.HasPodAntiAffinity || pod.TopologySpreadKeys.Any(k => SpreadKeys.Contains(k, StringComparer.Ordinal))
            ? CheckResult.Pass
            : CheckResult.Fail($"{workload.Kind} {workload.Name} runs {workload.Replicas} replicas with no topology spread over "
                + "nodes or zones and no pod anti-affinity");
    }
}
