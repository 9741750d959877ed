using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>A container of a manifest object and the line of its <c>image:</c> field (1-based).</summary>
/// <param name="Type">The list it is in (initContainers, containers, ephemeralContainers).</param>
/// <param name="Name">Its name (null when it has none).</param>
/// <param name="ImageLine">The line of <c>image:</c>, else of the container's first field.</param>
public sealed record ManifestContainer(ContainerType Type, string? Name, int ImageLine);
