using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>
/// The policies one settings document enables, resolved once (ids in order, effective severities, image exemptions and
/// the compiled <see cref="PolicyParameters"/>), for a caller that evaluates many small snapshots with the same settings:
/// the admission webhook keeps one per configuration it pulled instead of planning every review. Evaluating with a plan
/// gives exactly what <see cref="PolicyEvaluator"/> gives for the same arguments. Immutable and thread-safe.
/// </summary>
public sealed class PolicyPlan
{
    private readonly IPolicy[] _policies;
    private readonly PlannedPolicy[] _plan;
    private readonly PolicyParameters _parameters;

    /// <param name="settings">The cluster's settings.</param>
    /// <param name="policies">The policies to choose from (those the settings enable run).</param>
    public PolicyPlan(ClusterPolicySettings settings, IEnumerable<IPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(policies);
        Settings = settings;
        _policies = [.. policies];
        _plan = PlannedPolicy.Plan(_policies, settings, null);
        _parameters = PolicyParameters.From(settings);
    }

    /// <summary>The settings the plan was made from.</summary>
    public ClusterPolicySettings Settings { get; }

    /// <summary>The ids of the policies that run, in evaluation order.</summary>
    public IReadOnlyList<string> PolicyIds => _plan.Select(p => p.Id).ToArray();

    /// <summary>Evaluates <paramref name="snapshot"/> as <see cref="PolicyEvaluator"/> would with these settings and policies.</summary>
    public EvaluationResult Evaluate(ClusterSnapshot snapshot, DigestHistory history, ExceptionSet exceptions)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(exceptions);
        if (snapshot.Unavailable.Count > 0)
        {
            return PolicyEvaluator.Evaluate(snapshot, Settings, _policies, history, exceptions); // the plan depends on what could not be listed
        }

        return new EvaluationRun(snapshot, Settings, _plan, history, exceptions, _parameters).Execute() with { NotEvaluated = [] };
    }
}
