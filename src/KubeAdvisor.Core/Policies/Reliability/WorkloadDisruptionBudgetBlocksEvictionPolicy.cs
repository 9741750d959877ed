using System.Globalization;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>workload-disruption-budget-blocks-eviction</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadDisruptionBudgetBlocksEvictionPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-disruption-budget-blocks-eviction",
        Title: "PodDisruptionBudget allows no disruption",
        Description: "A PodDisruptionBudget that selects the workload's pods can never allow an eviction: its "
            + "maxUnavailable is 0 or 0%, or its minAvailable is 100% or at least the workload's spec.replicas. Judged "
            + "from the budget's spec, on the workload it covers (Deployment, StatefulSet, ReplicaSet, "
            + "ReplicationController with known replicas above 0), so manifests are judged too. Not applicable to "
            + "workloads no budget covers (workload-disruption-budget-missing judges those).",
        Rationale: "A budget that allows zero disruptions blocks every node drain: cluster upgrades, autoscaler "
            + "scale-downs and node repairs wait until someone deletes the budget or the pods by hand.",
        Remediation: """
            Let at least one pod go at a time:
              apiVersion: policy/v1
              kind: PodDisruptionBudget
              spec:
                maxUnavailable: 1
            """,
        Category: "Reliability",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "reliability")
    {
        RequiredKinds = ["poddisruptionbudgets.policy"],
        Polaris = ["pdbDisruptionsIsZero"],
        PolarisDifference = "Polaris reads the budget's status.disruptionsAllowed, which is also 0 while a replica is merely "
            + "unready or rolling out. KubeAdvisor judges the spec against the workload's replicas, so it reports a "
            + "budget that can never allow an eviction, not a passing moment, and it judges manifests the same way.",
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        var workload = context.Workload;
        if (workload.Replicas is not > 0 || workload.Kind is "Job" or "CronJob" or "DaemonSet" or "Pod")
        {
            return CheckResult.NotApplicable;
        }

        var labels = workload.Template.Labels;
        var covered = false;
        foreach (var budget in DisruptionBudgetIndex.InNamespace(context.Snapshot, workload.Namespace))
        {
            if (!budget.Selects(labels))
            {
                continue;
            }

            covered = true;
            if (Blocks(budget, workload.Replicas.Value) is { } why)
            {
                return CheckResult.Fail($"PodDisruptionBudget {budget.Name} {why}, so no pod of {workload.Kind} {workload.Name} "
                    + $"({workload.Replicas} replicas) can be evicted");
            }
        }

        return covered ? CheckResult.Pass : CheckResult.NotApplicable;
    }

    private static string? Blocks(PodDisruptionBudget budget, int replicas)
    {
        if (budget.MaxUnavailable is "0" or "0%")
        {
            return $"sets maxUnavailable: {budget.MaxUnavailable}";
        }

        if (budget.MaxUnavailable is null && budget.MinAvailable is { } min)
        {
            var blocks = min.EndsWith('%')
                ? min == "100%"
                : int.TryParse(min, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= replicas;
            if (blocks)
            {
                return $"sets minAvailable: {min}";
            }
        }

        return null;
    }
}
