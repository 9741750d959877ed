using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// The open findings a partial scan could not judge (decision 0018): those of policies it did not evaluate and those of
/// workloads of kinds it could not list. They are neither resolved nor reported again: their rows stay as they are.
/// </summary>
internal sealed class UnjudgedFindings(IReadOnlyCollection<string> policyIds, IEnumerable<UnavailableKind> unavailable)
{
    private readonly HashSet<string> _policies = new(policyIds, StringComparer.Ordinal);
    private readonly HashSet<string> _kinds = new(unavailable.Select(u => u.Kind), StringComparer.Ordinal);

    public static UnjudgedFindings Of(ClusterSnapshot snapshot, EvaluationResult result) => new(result.NotEvaluated, snapshot.Unavailable);

    public bool Covers(FindingRecord finding) => _policies.Contains(finding.PolicyId) || _kinds.Contains(finding.Kind);
}
