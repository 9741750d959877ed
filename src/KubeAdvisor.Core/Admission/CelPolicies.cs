using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Admission;

/// <summary>
/// Which catalog policies a <c>ValidatingAdmissionPolicy</c> can express in CEL, and why the others cannot: every
/// catalog policy is one or the other (tested), so a new policy needs a decision here.
/// </summary>
public static class CelPolicies
{
    private static readonly Dictionary<string, Func<ClusterPolicySettings, CelCheck>> Expressed =
        ImageRules.All.Concat(ContainerRules.All).Concat(WorkloadRules.All).ToDictionary(StringComparer.Ordinal);

    private const string RunningState = "it compares the digests the pods actually run (and earlier scans saw), which exist only after the pods have started; admission sees the spec alone";
    private const string OtherObjects = "it relates the workload to other objects (PodDisruptionBudgets, HorizontalPodAutoscalers, NetworkPolicies or ServiceAccounts), which an admission policy cannot read alongside the object under review";

    private const string NotAWorkload = "it judges an object that is not a workload (an Ingress, a Role, a binding or a ConfigMap), while the export judges Pods and workload templates; a binding's verdict also depends on the role it names, another object";

    /// <summary>The policies the export leaves out, by id, with the reason.</summary>
    public static IReadOnlyDictionary<string, string> NotExpressible { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["image-replica-drift"] = RunningState,
        ["image-tag-moved"] = RunningState,
        ["workload-disruption-budget-missing"] = OtherObjects,
        ["workload-disruption-budget-blocks-eviction"] = OtherObjects,
        ["workload-disruption-budget-exceeds-autoscaler-min"] = OtherObjects,
        ["workload-autoscaler-fixed-size"] = OtherObjects,
        ["workload-autoscaler-single-replica"] = OtherObjects,
        ["workload-network-policy-missing"] = OtherObjects,
        ["pod-service-account-token-automounted"] = "an unset automountServiceAccountToken is decided by the pod's ServiceAccount, another object, which an admission policy cannot read alongside the pod",
        ["container-resources-out-of-range"] = "it compares resource quantities numerically (512Mi against 4Mi..256Gi); standard CEL has no quantity arithmetic, and Kubernetes' quantity() library is not part of it",
        ["ingress-tls-missing"] = NotAWorkload,
        ["rbac-binding-pod-exec"] = NotAWorkload,
        ["rbac-cluster-admin-binding"] = NotAWorkload,
        ["rbac-default-service-account-bound"] = NotAWorkload,
        ["rbac-role-pod-exec"] = NotAWorkload,
        ["rbac-secrets-wildcard"] = NotAWorkload,
        ["configmap-secret-literal"] = NotAWorkload,
        ["workload-priority-class-missing"] = "a pod that names no class gets the cluster's globalDefault PriorityClass, when there is one, which an admission policy cannot read alongside the workload",
        ["workload-priority-class-unknown"] = "it asks whether the named PriorityClass exists, another object an admission policy cannot read alongside the workload; for pods, the API server's Priority admission already refuses an unknown class",
        ["container-env-secret-literal"] = "it is a heuristic over variable names and value shapes (word lists, token prefixes, URLs with passwords) whose one home is the evaluator; a copy in regular expressions would drift from it",
    };

    /// <summary>True when the export expresses the policy in CEL.</summary>
    public static bool IsExpressible(string policyId) => Expressed.ContainsKey(policyId);

    /// <summary>The CEL form of an expressible policy under the cluster's parameters; null when not expressible.</summary>
    internal static CelCheck? For(string policyId, ClusterPolicySettings settings) =>
        Expressed.TryGetValue(policyId, out var build) ? build(settings) : null;
}
