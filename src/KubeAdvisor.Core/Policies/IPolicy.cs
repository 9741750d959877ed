namespace KubeAdvisor.Core.Policies;

/// <summary>
/// A policy. Derive from <see cref="ContainerPolicy"/>, <see cref="WorkloadPolicy"/> or <see cref="ObjectPolicy"/> (never implement this
/// directly): <see cref="PolicyCatalog"/> discovers every concrete subclass in this assembly by reflection.
/// </summary>
public interface IPolicy
{
    /// <summary>Metadata: id, texts, defaults.</summary>
    PolicyDescriptor Descriptor { get; }

    /// <summary>Whether the policy judges each container, the workload as a whole, or objects that are not workloads.</summary>
    PolicyScope Scope { get; }
}
