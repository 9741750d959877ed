namespace KubeAdvisor.Core.Admission;

/// <summary>
/// What an agent's admission webhook decided on one day in one namespace, sent with its next snapshot. A row with an
/// empty <see cref="Policy"/> counts reviews (each request once: allowed clean, allowed with warnings, or denied); a row
/// naming a policy counts the reviews in which that policy failed (as a warning, or as a reason to deny). Dry-run
/// requests are judged but never counted.
/// </summary>
/// <param name="Day">The UTC day of the decisions.</param>
/// <param name="Namespace">The namespace of the reviewed objects.</param>
/// <param name="Policy">The policy id, or empty for the per-review totals.</param>
/// <param name="Allowed">Reviews allowed without a warning (always 0 on a policy row).</param>
/// <param name="Warned">Reviews allowed with warnings (on a policy row: the policy failed as a warning).</param>
/// <param name="Denied">Reviews refused (on a policy row: the policy was a reason).</param>
public sealed record AdmissionDecisionCount(DateOnly Day, string Namespace, string Policy, int Allowed, int Warned, int Denied);
