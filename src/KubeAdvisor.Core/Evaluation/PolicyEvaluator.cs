using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>
/// Evaluates a snapshot against the enabled policies of a cluster. Pure and deterministic: workloads are visited in
/// (namespace, name, kind, uid) order whatever the snapshot's order, containers in spec order (init, regular,
/// ephemeral), policies by id. Checks are counted in <see cref="CheckTally"/>; only failures become objects. A policy
/// that needs a kind the snapshot could not list is not evaluated: it has no checks (neither passed nor failed) and is
/// named in <see cref="EvaluationResult.NotEvaluated"/>.
/// </summary>
public static class PolicyEvaluator
{
    /// <summary>Evaluates every catalog policy the settings enable.</summary>
    public static EvaluationResult Evaluate(ClusterSnapshot snapshot, ClusterPolicySettings settings) =>
        Evaluate(snapshot, settings, PolicyCatalog.All);

    /// <summary>Evaluates the given policies (those the settings enable); for tests and tools.</summary>
    public static EvaluationResult Evaluate(ClusterSnapshot snapshot, ClusterPolicySettings settings, IEnumerable<IPolicy> policies) =>
        Evaluate(snapshot, settings, policies, DigestHistory.Empty);

    /// <summary>Evaluates with what earlier scans saw running (for the running-digest policies).</summary>
    public static EvaluationResult Evaluate(ClusterSnapshot snapshot, ClusterPolicySettings settings, DigestHistory history) =>
        Evaluate(snapshot, settings, PolicyCatalog.All, history);

    /// <summary>
    /// Evaluates the given policies with the digest history of earlier scans and no exceptions; annotation end dates
    /// (<see cref="ExemptAnnotationMode.RequireReason"/>) are compared with the system clock.
    /// </summary>
    public static EvaluationResult Evaluate(ClusterSnapshot snapshot, ClusterPolicySettings settings, IEnumerable<IPolicy> policies, DigestHistory history) =>
        Evaluate(snapshot, settings, policies, history, ExceptionSet.At(DateTimeOffset.UtcNow));

    /// <summary>Evaluates with the cluster's approved exceptions: the checks they cover are exempt (decision 0023).</summary>
    public static EvaluationResult Evaluate(ClusterSnapshot snapshot, ClusterPolicySettings settings, DigestHistory history, ExceptionSet exceptions) =>
        Evaluate(snapshot, settings, PolicyCatalog.All, history, exceptions);

    /// <summary>Evaluates the given policies with digest history and exceptions.</summary>
    public static EvaluationResult Evaluate(
        ClusterSnapshot snapshot, ClusterPolicySettings settings, IEnumerable<IPolicy> policies, DigestHistory history, ExceptionSet exceptions)
    {
        ArgumentNullException.ThrowIfNull(exceptions);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(policies);
        var list = policies as IReadOnlyCollection<IPolicy> ?? policies.ToList();
        var run = new EvaluationRun(snapshot, settings, PlannedPolicy.Plan(list, settings, snapshot), history, exceptions);
        return run.Execute() with { NotEvaluated = PlannedPolicy.NotEvaluated(list, settings, snapshot) };
    }
}
