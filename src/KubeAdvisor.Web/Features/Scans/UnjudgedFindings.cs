using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// The open findings a partial scan could not judge (decision 0018): those of policies it did not evaluate and those of
/// workloads of kinds it could not list. They are neither resolved nor reported again: their rows stay as they are.
/// When a controller kind is missing, pods may be attributed to nothing (an Argo Rollout's pods through its unlisted
/// ReplicaSets), so workloads of kinds the collector never lists (known only through pods) are unknown too.
/// </summary>
internal sealed class UnjudgedFindings(IReadOnlyCollection<string> policyIds, ClusterSnapshot snapshot)
{
    private readonly HashSet<string> _policies = new(policyIds, StringComparer.Ordinal);
    private readonly HashSet<string> _kinds = new(snapshot.Unavailable.Select(u => u.Kind), StringComparer.Ordinal);
    private readonly bool _runningComplete = snapshot.RunningComplete;

    public static UnjudgedFindings Of(ClusterSnapshot snapshot, EvaluationResult result) => new(result.NotEvaluated, snapshot);

    public bool Covers(string policyId, string kind) => _policies.Contains(policyId) || IsUnknownKind(kind);

    /// <summary>Whether this scan cannot tell whether a workload of <paramref name="kind"/> is still there.</summary>
    public bool IsUnknownKind(string kind) =>
        _kinds.Contains(kind) || (!_runningComplete && kind != "Pod" && !Kubernetes.Collection.UnavailableKinds.IsListed(kind));
}
