namespace KubeAdvisor.Core.Inventory;

/// <summary>A PodDisruptionBudget and its selector.</summary>
public sealed record PodDisruptionBudget(
    string Namespace,
    string Name,
    LabelSelector Selector);
