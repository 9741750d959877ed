using System.Runtime.CompilerServices;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Security;

/// <summary>A snapshot's ServiceAccounts by namespace and name, built once per snapshot (see DisruptionBudgetIndex).</summary>
internal static class ServiceAccountIndex
{
    private static readonly ConditionalWeakTable<ClusterSnapshot, Dictionary<(string Ns, string Name), ServiceAccount>> ByKey = [];

    public static ServiceAccount? Find(ClusterSnapshot snapshot, string ns, string name)
    {
        if (snapshot.ServiceAccounts.Count == 0)
        {
            return null;
        }

        var index = ByKey.GetValue(snapshot, static s => s.ServiceAccounts.ToDictionary(a => (a.Namespace, a.Name)));
        return index.GetValueOrDefault((ns, name));
    }
}
