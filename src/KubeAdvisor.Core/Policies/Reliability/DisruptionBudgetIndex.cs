using System.Runtime.CompilerServices;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>
/// A snapshot's PodDisruptionBudgets grouped by namespace, built once per snapshot (policies are shared, stateless
/// singletons, so the index hangs off the snapshot and goes away with it).
/// </summary>
internal static class DisruptionBudgetIndex
{
    private static readonly ConditionalWeakTable<ClusterSnapshot, Dictionary<string, PodDisruptionBudget[]>> ByNamespace = [];

    public static PodDisruptionBudget[] InNamespace(ClusterSnapshot snapshot, string ns)
    {
        var index = ByNamespace.GetValue(snapshot, static s => s.PodDisruptionBudgets
            .GroupBy(p => p.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));
        return index.TryGetValue(ns, out var budgets) ? budgets : [];
    }
}
