namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// A HorizontalPodAutoscaler (autoscaling/v2), as far as policies read it: the object it scales (in its own namespace)
/// and between which bounds.
/// </summary>
/// <param name="Namespace">Its namespace, also the namespace of the object it scales.</param>
/// <param name="Name">Its name.</param>
/// <param name="TargetKind">spec.scaleTargetRef.kind, e.g. <c>Deployment</c>.</param>
/// <param name="TargetName">spec.scaleTargetRef.name.</param>
/// <param name="MinReplicas">spec.minReplicas, 1 when unset (the API's default).</param>
/// <param name="MaxReplicas">spec.maxReplicas.</param>
public sealed record HorizontalPodAutoscaler(
    string Namespace,
    string Name,
    string TargetKind,
    string TargetName,
    int MinReplicas,
    int MaxReplicas);
