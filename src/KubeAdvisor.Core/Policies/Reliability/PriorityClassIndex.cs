using System.Runtime.CompilerServices;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies.Reliability;

/// <summary>A snapshot's PriorityClasses by name and its globalDefault class, built once per snapshot (see DisruptionBudgetIndex).</summary>
internal static class PriorityClassIndex
{
    private static readonly ConditionalWeakTable<ClusterSnapshot, Index> ByName = [];

    /// <summary>Whether the snapshot knows any PriorityClass (a live cluster always has the two system classes).</summary>
    public static bool Known(ClusterSnapshot snapshot) => snapshot.PriorityClasses.Count > 0;

    /// <summary>Whether a class of that name exists.</summary>
    public static bool Exists(ClusterSnapshot snapshot, string name) => Of(snapshot).Names.Contains(name);

    /// <summary>The class admission gives pods that name none, if the cluster has one (with several, the lowest value, as the API server picks).</summary>
    public static PriorityClass? GlobalDefault(ClusterSnapshot snapshot) => snapshot.PriorityClasses.Count == 0 ? null : Of(snapshot).Default;

    private static Index Of(ClusterSnapshot snapshot) => ByName.GetValue(snapshot, static s => new Index(
        s.PriorityClasses.Select(c => c.Name).ToHashSet(StringComparer.Ordinal),
        s.PriorityClasses.Where(c => c.GlobalDefault).OrderBy(c => c.Value).FirstOrDefault()));

    private sealed record Index(HashSet<string> Names, PriorityClass? Default);
}
