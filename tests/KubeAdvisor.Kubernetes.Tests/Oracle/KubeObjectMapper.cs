using k8s.Models;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Tests.Oracle;

/// <summary>Maps KubernetesClient V1 objects to the inventory's <see cref="KubeObject"/> and PDBs.</summary>
public static class KubeObjectMapper
{
    public static KubeObject Map(V1Deployment o) =>
        MetadataMapper.Object("Deployment", o.Metadata, PodSpecMapper.Template(o.Spec?.Template), o.Spec?.Replicas ?? 1);

    public static KubeObject Map(V1StatefulSet o) =>
        MetadataMapper.Object("StatefulSet", o.Metadata, PodSpecMapper.Template(o.Spec?.Template), o.Spec?.Replicas ?? 1);

    public static KubeObject Map(V1DaemonSet o) =>
        MetadataMapper.Object("DaemonSet", o.Metadata, PodSpecMapper.Template(o.Spec?.Template), null);

    public static KubeObject Map(V1ReplicaSet o) =>
        MetadataMapper.Object("ReplicaSet", o.Metadata, PodSpecMapper.Template(o.Spec?.Template), o.Spec?.Replicas ?? 1);

    public static KubeObject Map(V1ReplicationController o) =>
        MetadataMapper.Object("ReplicationController", o.Metadata, PodSpecMapper.Template(o.Spec?.Template),
            o.Spec?.Replicas ?? 1);

    public static KubeObject Map(V1Job o) =>
        MetadataMapper.Object("Job", o.Metadata, PodSpecMapper.Template(o.Spec?.Template), null);

    public static KubeObject Map(V1CronJob o) =>
        MetadataMapper.Object("CronJob", o.Metadata, PodSpecMapper.Template(o.Spec?.JobTemplate?.Spec?.Template), null);

    /// <summary>A pod: its template is its own labels, annotations and spec; its statuses feed running digests.</summary>
    public static KubeObject Map(V1Pod o) =>
        MetadataMapper.Object("Pod", o.Metadata,
            new PodTemplate(MetadataMapper.Dict(o.Metadata?.Labels), MetadataMapper.Annotations(o.Metadata?.Annotations),
                PodSpecMapper.Spec(o.Spec)),
            null,
            PodSpecMapper.Statuses(o.Status));

    public static PodDisruptionBudget Map(V1PodDisruptionBudget o) =>
        new(MetadataMapper.Namespace(o.Metadata), o.Metadata?.Name ?? "", Selector(o.Spec?.Selector))
        {
            SelectsNothing = o.Spec?.Selector is null,
            MinAvailable = o.Spec?.MinAvailable?.Value,
            MaxUnavailable = o.Spec?.MaxUnavailable?.Value,
        };

    public static HorizontalPodAutoscaler Map(V2HorizontalPodAutoscaler o) =>
        new(MetadataMapper.Namespace(o.Metadata), o.Metadata?.Name ?? "", o.Spec?.ScaleTargetRef?.Kind ?? "",
            o.Spec?.ScaleTargetRef?.Name ?? "", o.Spec?.MinReplicas ?? 1, o.Spec?.MaxReplicas ?? 0);

    // policyTypes defaulted as the API server does (pkg/apis/networking/v1 defaults): Ingress, plus Egress with egress rules.
    public static NetworkPolicy Map(V1NetworkPolicy o) =>
        new(MetadataMapper.Namespace(o.Metadata), o.Metadata?.Name ?? "", Selector(o.Spec?.PodSelector),
            o.Spec?.PolicyTypes is { Count: > 0 } types ? types.ToList()
                : o.Spec?.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"]);

    /// <summary>Any supported object; null for kinds the inventory does not use (Services, ConfigMaps, …).</summary>
    public static KubeObject? TryMap(object obj) => obj switch
    {
        V1Deployment o => Map(o),
        V1StatefulSet o => Map(o),
        V1DaemonSet o => Map(o),
        V1ReplicaSet o => Map(o),
        V1ReplicationController o => Map(o),
        V1Job o => Map(o),
        V1CronJob o => Map(o),
        V1Pod o => Map(o),
        _ => null,
    };

    private static LabelSelector Selector(V1LabelSelector? s) =>
        new(MetadataMapper.Dict(s?.MatchLabels),
            s?.MatchExpressions is { Count: > 0 } e
                ? e.Select(r => new LabelSelectorRequirement(r.Key ?? "", r.OperatorProperty ?? "", r.Values?.ToList() ?? []))
                    .ToList()
                : []);
}
