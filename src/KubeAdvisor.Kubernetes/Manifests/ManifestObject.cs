using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>
/// One Kubernetes object of a manifest file, as <see cref="ManifestReader"/> found it: the JSON an API server would
/// send for it (read by the same item readers as a live scan) and where it and its containers are in the source.
/// </summary>
/// <param name="File">The file it came from, as the caller named it.</param>
/// <param name="Line">The line of its <c>kind:</c> field (the object's first line when it has none); 1-based.</param>
/// <param name="ApiVersion">Its apiVersion.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Namespace">metadata.namespace as written (null when absent).</param>
/// <param name="Name">metadata.name (null when absent).</param>
/// <param name="Uid">metadata.uid: as written, else the one the reader gave it (see <see cref="ManifestReader"/>).</param>
/// <param name="Json">The object as UTF-8 JSON.</param>
/// <param name="Containers">Its containers (at any depth: pod templates, job templates), in source order.</param>
public sealed record ManifestObject(
    string File, int Line, string ApiVersion, string Kind, string? Namespace, string? Name, string? Uid, byte[] Json,
    IReadOnlyList<ManifestContainer> Containers)
{
    /// <summary>The line of the container's <c>image:</c> field (its first line when it has none), or null when it has no such container.</summary>
    public int? ImageLine(ContainerType type, string? name) =>
        Containers.FirstOrDefault(c => c.Type == type && c.Name == name)?.ImageLine;
}
