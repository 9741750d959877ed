namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>workload-disruption-budget-missing</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadDisruptionBudgetMissingPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-disruption-budget-missing",
        Title: "No PodDisruptionBudget covers the workload",
        Description: "A workload with spec.replicas of 2 or more (Deployment, StatefulSet, ReplicaSet, ReplicationController) "
            + "has no policy/v1 PodDisruptionBudget in its namespace whose selector matches its pod template labels "
            + "(matchLabels and matchExpressions In, NotIn, Exists, DoesNotExist; an empty selector {} selects every pod of the "
            + "namespace, a missing one selects none). More than one matching budget also fails: the eviction API refuses to "
            + "evict a pod covered by several. Not applicable to single-replica and scaled-to-zero workloads, DaemonSets, Jobs, "
            + "CronJobs, bare Pods and controllers without known replicas.",
        Rationale: "Without a budget, a node drain or cluster-autoscaler scale-down may evict every replica at once, so a "
            + "workload that runs several replicas for availability still goes down during routine maintenance.",
        Remediation: """
            Add a budget that selects the pods:
              apiVersion: policy/v1
              kind: PodDisruptionBudget
              metadata:
                name: web
                namespace: shop
              spec:
                maxUnavailable: 1
                selector:
                  matchLabels:
                    app: web
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "reliability")
    {
        Polaris = ["missingPodDisruptionBudget"],
        PolarisDifference = "A workload of one replica is out of scope: a budget on a single replica either blocks every drain (minAvailable: 1) or protects nothing, so KubeAdvisor does not ask for one.",
        RequiredKinds = ["poddisruptionbudgets.policy"],
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        var workload = context.Workload;
        if (workload.Replicas is not >= 2 || workload.Kind is "Job" or "CronJob" or "DaemonSet" or "Pod")
        {
            return CheckResult.NotApplicable;
        }

        var labels = workload.Template.Labels;
        string? first = null;
        List<string>? more = null;
        foreach (var budget in DisruptionBudgetIndex.InNamespace(context.Snapshot, workload.Namespace))
        {
            if (budget.Selects(labels))
            {
                if (first is null)
                {
                    first = budget.Name;
                }
                else
                {
                    (more ??= [first]).Add(budget.Name);
                }
            }
        }

        if (more is not null)
        {
            return CheckResult.Fail($"{workload.Kind} {workload.Name} is covered by {more.Count} PodDisruptionBudgets ({string.Join(", ", more)}); "
                + "the eviction API refuses to evict pods with more than one, so drains block");
        }

        return first is not null
            ? CheckResult.Pass
            : CheckResult.Fail($"{workload.Kind} {workload.Name} runs {workload.Replicas} replicas but no PodDisruptionBudget selects its pods");
    }
}
