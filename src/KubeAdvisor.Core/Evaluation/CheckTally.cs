using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>
/// The checks of one policy on one workload, counted rather than materialized (a container policy makes one check
/// per container). Emitted only when the policy applied at least once.
/// </summary>
/// <param name="Namespace">Workload namespace.</param>
/// <param name="WorkloadUid">Workload uid.</param>
/// <param name="PolicyId">Policy id.</param>
/// <param name="Severity">Effective severity.</param>
/// <param name="Passed">Checks that passed.</param>
/// <param name="Failed">Checks that failed (each has a <see cref="Finding"/>).</param>
/// <param name="Exempt">Checks skipped as exempt (namespace, annotation, image glob, policy parameter).</param>
public readonly record struct CheckTally(
    string Namespace,
    string WorkloadUid,
    string PolicyId,
    Severity Severity,
    int Passed,
    int Failed,
    int Exempt)
{
    /// <summary>Passed + failed + exempt.</summary>
    public int Total => Passed + Failed + Exempt;
}
