namespace KubeAdvisor.Data.Entities;

/// <summary>How a cluster reaches KubeAdvisor.</summary>
public enum ConnectionType
{
    Kubeconfig = 0,
    Agent = 1,
}
