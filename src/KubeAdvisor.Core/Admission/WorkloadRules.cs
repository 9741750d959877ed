using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Admission;

/// <summary>The workload policies that read the object alone, as CEL.</summary>
internal static class WorkloadRules
{
    private const string Spec = "variables.podSpec";
    private const string Replicas = "(has(object.spec.replicas) ? object.spec.replicas : 1)";

    public static IReadOnlyDictionary<string, Func<ClusterPolicySettings, CelCheck>> All { get; } =
        new Dictionary<string, Func<ClusterPolicySettings, CelCheck>>(StringComparer.Ordinal)
        {
            ["pod-host-network"] = _ => Workload($"has({Spec}.hostNetwork) && {Spec}.hostNetwork == true", "the pod sets hostNetwork: true"),
            ["pod-host-pid"] = _ => Workload($"has({Spec}.hostPID) && {Spec}.hostPID == true", "the pod sets hostPID: true"),
            ["pod-host-ipc"] = _ => Workload($"has({Spec}.hostIPC) && {Spec}.hostIPC == true", "the pod sets hostIPC: true"),
            ["pod-host-path-volume"] = _ => Workload($"has({Spec}.volumes) && {Spec}.volumes.exists(v, has(v.hostPath))", "the pod declares a hostPath volume"),
            ["pod-without-controller"] = _ => Workload(
                "object.kind == 'Pod' && !(has(object.metadata.ownerReferences) && object.metadata.ownerReferences.exists(r, has(r.controller) && r.controller == true))",
                "the pod has no controller; nothing recreates it if its node goes away"),
            // The request's namespace: on a create, metadata.namespace may be left to the URL.
            ["workload-default-namespace"] = _ => Workload("request.namespace == 'default'", "the object is in the default namespace"),
            ["workload-instance-label-mismatch"] = _ => Workload(
                "object.kind != 'Pod' && ['app.kubernetes.io/instance', 'app.kubernetes.io/name'].exists(k, k in variables.objectLabels"
                + " && k in variables.templateLabels && variables.objectLabels[k] != variables.templateLabels[k])",
                "the object's app.kubernetes.io/instance or name label differs from its pod template's"),
            ["workload-single-replica"] = _ => Workload($"object.kind in ['Deployment', 'StatefulSet'] && {Replicas} == 1", "it runs a single replica"),
            ["workload-topology-spread-missing"] = _ => Workload(
                $"object.kind in ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'] && {Replicas} >= 2"
                + $" && !({CelText.Has(Spec, "affinity", "podAntiAffinity")} && [{Spec}.affinity.podAntiAffinity].exists(a, "
                + "(has(a.requiredDuringSchedulingIgnoredDuringExecution) && size(a.requiredDuringSchedulingIgnoredDuringExecution) > 0)"
                + " || (has(a.preferredDuringSchedulingIgnoredDuringExecution) && size(a.preferredDuringSchedulingIgnoredDuringExecution) > 0)))"
                + $" && !(has({Spec}.topologySpreadConstraints) && {Spec}.topologySpreadConstraints.exists(t, has(t.topologyKey)"
                + " && t.topologyKey in ['kubernetes.io/hostname', 'topology.kubernetes.io/zone']))",
                "it runs several replicas with no topology spread over nodes or zones and no pod anti-affinity"),
        };

    private static CelCheck Workload(string fails, string problem) => new(null, fails, problem, ImageExemptions: false);
}
