using System.Runtime.CompilerServices;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>A snapshot's HorizontalPodAutoscalers by the object they scale, built once per snapshot (see DisruptionBudgetIndex).</summary>
internal static class AutoscalerIndex
{
    private static readonly ConditionalWeakTable<ClusterSnapshot, Dictionary<(string Ns, string Kind, string Name), HorizontalPodAutoscaler[]>> ByTarget = [];

    /// <summary>The autoscalers that scale <paramref name="workload"/>, in namespace and name order; usually none or one.</summary>
    public static HorizontalPodAutoscaler[] Of(ClusterSnapshot snapshot, Workload workload)
    {
        if (snapshot.HorizontalPodAutoscalers.Count == 0)
        {
            return [];
        }

        var index = ByTarget.GetValue(snapshot, static s => s.HorizontalPodAutoscalers
            .GroupBy(a => (a.Namespace, a.TargetKind, a.TargetName))
            .ToDictionary(g => g.Key, g => g.ToArray()));
        return index.TryGetValue((workload.Namespace, workload.Kind, workload.Name), out var autoscalers) ? autoscalers : [];
    }
}
