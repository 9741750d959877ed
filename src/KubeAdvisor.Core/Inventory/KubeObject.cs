namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// One object as read from the API, before owner resolution: the input of <c>InventoryBuilder</c>.
/// Pods carry their container statuses; controllers carry their pod template.
/// </summary>
/// <param name="Kind">Kind (Deployment, ReplicaSet, Pod, …).</param>
/// <param name="Namespace">Namespace.</param>
/// <param name="Name">Name.</param>
/// <param name="Uid">metadata.uid.</param>
/// <param name="Labels">Object labels.</param>
/// <param name="Annotations">Object annotations: only the kept ones (<see cref="KeptAnnotations"/>).</param>
/// <param name="OwnerReferences">metadata.ownerReferences.</param>
/// <param name="Template">Pod template (for a Pod: its own labels, annotations and spec; CronJob: the job's pod template).</param>
/// <param name="Replicas">Desired replicas where the kind has them.</param>
/// <param name="ContainerStatuses">For pods: status of each container (init, regular, ephemeral).</param>
public sealed record KubeObject(
    string Kind,
    string Namespace,
    string Name,
    string Uid,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyList<OwnerReference> OwnerReferences,
    PodTemplate Template,
    int? Replicas,
    IReadOnlyList<ContainerStatus> ContainerStatuses);

/// <summary>metadata.ownerReferences entry.</summary>
public sealed record OwnerReference(string Kind, string Name, string Uid, bool Controller);

/// <summary>A pod's status of one container: the image as reported and the resolved imageID (empty while pending).</summary>
public sealed record ContainerStatus(string Name, ContainerType Type, string Image, string ImageId);
