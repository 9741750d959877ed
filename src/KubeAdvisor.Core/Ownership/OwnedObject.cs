namespace KubeAdvisor.Core.Ownership;

/// <summary>What ownership rules look at: the workload's namespace and its labels, the namespace's labels, and the kept annotations.</summary>
/// <param name="Namespace">The workload's namespace.</param>
/// <param name="Labels">Labels of the workload and its pod template (the object's win).</param>
/// <param name="Annotations">The workload's kept (<c>kubeadvisor.io/</c>) annotations.</param>
/// <param name="NamespaceLabels">Labels of the namespace (empty when unknown).</param>
public sealed record OwnedObject(
    string Namespace,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyDictionary<string, string> NamespaceLabels);
