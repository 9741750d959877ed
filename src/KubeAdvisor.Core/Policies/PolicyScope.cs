namespace KubeAdvisor.Core.Policies;

/// <summary>What one check of a policy is about.</summary>
public enum PolicyScope
{
    /// <summary>One check per container (init, regular, ephemeral) of the workload.</summary>
    Container,
    /// <summary>One check per workload (hostNetwork, replicas, …).</summary>
    Workload,
    /// <summary>One check per object that is not a workload (an Ingress, a RoleBinding, …): see <see cref="ObjectPolicy"/>.</summary>
    Object,
}
