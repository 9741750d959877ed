using System.Runtime.CompilerServices;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Security;

/// <summary>A snapshot's NetworkPolicies grouped by namespace, built once per snapshot (see DisruptionBudgetIndex).</summary>
internal static class NetworkPolicyIndex
{
    private static readonly ConditionalWeakTable<ClusterSnapshot, Dictionary<string, NetworkPolicy[]>> ByNamespace = [];

    public static NetworkPolicy[] InNamespace(ClusterSnapshot snapshot, string ns)
    {
        if (snapshot.NetworkPolicies.Count == 0)
        {
            return [];
        }

        var index = ByNamespace.GetValue(snapshot, static s => s.NetworkPolicies
            .GroupBy(p => p.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));
        return index.TryGetValue(ns, out var policies) ? policies : [];
    }
}
