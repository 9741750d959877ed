using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies;

/// <summary>What an object policy sees: the object, the whole snapshot (e.g. the role a binding refers to) and parameters.</summary>
/// <param name="Object">The object being judged.</param>
/// <param name="Snapshot">The snapshot it belongs to.</param>
/// <param name="Parameters">The cluster's policy parameters.</param>
public readonly record struct ObjectContext(
    InventoryObject Object,
    ClusterSnapshot Snapshot,
    PolicyParameters Parameters);
