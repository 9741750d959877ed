using System.Globalization;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>The <c>workload-disruption-budget-exceeds-autoscaler-min</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class WorkloadDisruptionBudgetExceedsAutoscalerMinPolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "workload-disruption-budget-exceeds-autoscaler-min",
        Title: "PodDisruptionBudget blocks eviction at the autoscaler's minimum",
        Description: "A PodDisruptionBudget that selects the workload's pods sets spec.minAvailable to at least the "
            + "spec.minReplicas (unset: 1) of a HorizontalPodAutoscaler that scales the workload (same namespace, kind and "
            + "name). A percentage counts as Kubernetes counts it at that size, rounded up (60% of 2 is 2). Judged on the "
            + "workload, of any kind. Not applicable when no autoscaler scales it, when no budget with minAvailable "
            + "selects its pods (maxUnavailable budgets are workload-disruption-budget-blocks-eviction's), or to an "
            + "autoscaler with minReplicas 0.",
        Rationale: "Once the autoscaler has shrunk the workload to its minimum, such a budget allows no eviction at all: "
            + "node drains, cluster upgrades and autoscaler scale-downs hang until someone scales the workload up or "
            + "deletes the budget.",
        Remediation: """
            Keep minAvailable below the autoscaler's minReplicas, or budget with maxUnavailable instead:
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
        RequiredKinds = ["poddisruptionbudgets.policy", "horizontalpodautoscalers.autoscaling"],
        Polaris = ["pdbMinAvailableGreaterThanOrEqualToHPAMinReplicas"],
        PolarisDifference = "Polaris judges Deployments only, takes the first budget sharing any one matchLabels pair with "
            + "the pods and the first autoscaler naming a Deployment of that name, and passes when the autoscaler leaves "
            + "minReplicas unset. KubeAdvisor judges every kind an autoscaler can scale, selects budgets as Kubernetes does "
            + "(every matchLabels pair and matchExpression), compares every budget with every autoscaler of the workload, "
            + "and applies the API's default minReplicas of 1.",
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        var workload = context.Workload;
        var autoscalers = AutoscalerIndex.Of(context.Snapshot, workload);
        if (autoscalers.Length == 0)
        {
            return CheckResult.NotApplicable;
        }

        var judged = false;
        foreach (var budget in DisruptionBudgetIndex.InNamespace(context.Snapshot, workload.Namespace))
        {
            if (budget.MinAvailable is not { } minAvailable || !budget.Selects(workload.Template.Labels))
            {
                continue;
            }

            foreach (var autoscaler in autoscalers)
            {
                if (autoscaler.MinReplicas == 0 || AtSize(minAvailable, autoscaler.MinReplicas) is not { } required)
                {
                    continue;
                }

                judged = true;
                if (required >= autoscaler.MinReplicas)
                {
                    return CheckResult.Fail($"PodDisruptionBudget {budget.Name} keeps minAvailable {minAvailable} while "
                        + $"HorizontalPodAutoscaler {autoscaler.Name} may scale {workload.Kind} {workload.Name} down to "
                        + $"{autoscaler.MinReplicas}, so at that size no pod can be evicted");
                }
            }
        }

        return judged ? CheckResult.Pass : CheckResult.NotApplicable;
    }

    // minAvailable as a pod count at `replicas` pods: an integer as written, a percentage rounded up (as the disruption
    // controller does); null when it is neither.
    private static long? AtSize(string minAvailable, int replicas)
    {
        if (minAvailable.EndsWith('%'))
        {
            return int.TryParse(minAvailable.AsSpan(0, minAvailable.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent)
                ? ((long)percent * replicas + 99) / 100
                : null;
        }

        return int.TryParse(minAvailable, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
    }
}
