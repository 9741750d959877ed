namespace KubeAdvisor.Core.Inventory;

/// <summary>A PriorityClass (scheduling.k8s.io/v1, cluster-scoped), as far as policies read it.</summary>
/// <param name="Name">Its name, which pods name in spec.priorityClassName.</param>
/// <param name="Value">Its priority.</param>
/// <param name="GlobalDefault">Whether admission gives it to pods that name no class.</param>
public sealed record PriorityClass(string Name, int Value, bool GlobalDefault);
