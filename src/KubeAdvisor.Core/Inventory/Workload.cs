namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// A top-level workload: Deployment, StatefulSet, DaemonSet, CronJob, Job or ReplicaSet without a controlling
/// owner, ReplicationController, bare Pod, or the unknown controller (e.g. an Argo Rollout) that owns pods.
/// </summary>
/// <param name="Kind">Kubernetes kind as the API spells it (<c>Deployment</c>, <c>Rollout</c>, …).</param>
/// <param name="Namespace">Namespace of the workload.</param>
/// <param name="Name">Name of the workload.</param>
/// <param name="Uid">metadata.uid; stable identity across scans.</param>
/// <param name="Labels">Object labels.</param>
/// <param name="Annotations">Object annotations.</param>
/// <param name="Template">The pod template (for a bare Pod: its own metadata and spec).</param>
/// <param name="Replicas">Desired replicas where the kind has them (Deployment, StatefulSet, ReplicaSet, RC); else null.</param>
/// <param name="Running">What actually runs: per container and revision, the digests reported by pod statuses.</param>
public sealed record Workload(
    string Kind,
    string Namespace,
    string Name,
    string Uid,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    PodTemplate Template,
    int? Replicas,
    IReadOnlyList<RunningImage> Running)
{
    /// <summary>All containers of the template: init, regular, then ephemeral.</summary>
    public IEnumerable<Container> AllContainers =>
        Template.Spec.InitContainers.Concat(Template.Spec.Containers).Concat(Template.Spec.EphemeralContainers);
}
