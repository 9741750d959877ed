namespace KubeAdvisor.Core.Policies;

/// <summary>Base of a policy judged once per container. One file per policy: descriptor plus <see cref="Evaluate"/>.</summary>
public abstract class ContainerPolicy : IPolicy
{
    /// <inheritdoc />
    public abstract PolicyDescriptor Descriptor { get; }

    /// <inheritdoc />
    public PolicyScope Scope => PolicyScope.Container;

    /// <summary>
    /// Judges one container. Must be pure and cheap; allocate only for a failure message.
    /// Return <see cref="CheckResult.NotApplicable"/> when the question does not apply (no check is counted).
    /// </summary>
    public abstract CheckResult Evaluate(in ContainerContext context);
}
