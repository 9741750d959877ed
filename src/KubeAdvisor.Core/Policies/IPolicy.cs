namespace KubeAdvisor.Core.Policies;

/// <summary>
/// A policy. Derive from <see cref="ContainerPolicy"/> or <see cref="WorkloadPolicy"/> (never implement this
/// directly): <see cref="PolicyCatalog"/> discovers every concrete subclass in this assembly by reflection.
/// </summary>
public interface IPolicy
{
    /// <summary>Metadata: id, texts, defaults.</summary>
    PolicyDescriptor Descriptor { get; }

    /// <summary>Whether the policy judges each container or the workload as a whole.</summary>
    PolicyScope Scope { get; }
}
