namespace KubeAdvisor.Core.Policies;

/// <summary>Base of a policy judged once per workload (e.g. hostNetwork, replicas, PodDisruptionBudget).</summary>
public abstract class WorkloadPolicy : IPolicy
{
    /// <inheritdoc />
    public abstract PolicyDescriptor Descriptor { get; }

    /// <inheritdoc />
    public PolicyScope Scope => PolicyScope.Workload;

    /// <summary>Judges the workload. Pure and cheap; <see cref="CheckResult.NotApplicable"/> when it does not apply.</summary>
    public abstract CheckResult Evaluate(in WorkloadContext context);
}
