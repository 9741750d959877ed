namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// What runs for one container of a workload: pods of one revision whose status reports the same image id,
/// aggregated. Pods that report no imageID yet (pending) are not counted.
/// </summary>
/// <param name="ContainerName">Container name.</param>
/// <param name="Type">Init, regular or ephemeral.</param>
/// <param name="SpecImage">The image string in the pod's spec.</param>
/// <param name="Revision">pod-template-hash or controller-revision-hash label of the pods; empty when absent.</param>
/// <param name="Digest">The digest from status imageID (e.g. <c>sha256:…</c>), or the raw imageID when it has none.</param>
/// <param name="PodCount">How many pods of that revision run this digest.</param>
public sealed record RunningImage(
    string ContainerName,
    ContainerType Type,
    string SpecImage,
    string Revision,
    string Digest,
    int PodCount);
