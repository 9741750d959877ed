namespace KubeAdvisor.Core.Inventory;

/// <summary>Pod template metadata and spec of a workload.</summary>
public sealed record PodTemplate(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    PodSpec Spec);
