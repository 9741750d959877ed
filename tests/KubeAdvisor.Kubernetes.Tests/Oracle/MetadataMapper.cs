using k8s.Models;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Tests.Oracle;

/// <summary>Object metadata to the inventory's dictionaries and owner references.</summary>
internal static class MetadataMapper
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public static IReadOnlyDictionary<string, string> Dict(IDictionary<string, string>? d) =>
        d is null || d.Count == 0 ? Empty : new Dictionary<string, string>(d, StringComparer.Ordinal);

    /// <summary>The kept annotations only (<see cref="KeptAnnotations"/>), as the streaming reader keeps them.</summary>
    public static IReadOnlyDictionary<string, string> Annotations(IDictionary<string, string>? d) =>
        d is null || !d.Keys.Any(KeptAnnotations.IsKept)
            ? Empty
            : d.Where(a => KeptAnnotations.IsKept(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

    public static IReadOnlyList<OwnerReference> Owners(V1ObjectMeta? meta) =>
        meta?.OwnerReferences is { Count: > 0 } refs
            ? refs.Select(r => new OwnerReference(r.Kind ?? "", r.Name ?? "", r.Uid ?? "", r.Controller == true)).ToList()
            : [];

    public static string Namespace(V1ObjectMeta? meta) =>
        string.IsNullOrEmpty(meta?.NamespaceProperty) ? "default" : meta.NamespaceProperty;

    public static KubeObject Object(
        string kind, V1ObjectMeta? meta, PodTemplate template, int? replicas, IReadOnlyList<ContainerStatus>? statuses = null) =>
        new(kind,
            Namespace(meta),
            meta?.Name ?? "",
            meta?.Uid ?? "",
            Dict(meta?.Labels),
            Annotations(meta?.Annotations),
            Owners(meta),
            template,
            replicas,
            statuses ?? []);
}
