namespace KubeAdvisor.Data.Entities;

/// <summary>How a cluster reaches KubeAdvisor.</summary>
public enum ConnectionType
{
    Kubeconfig = 0,
    Agent = 1,

    /// <summary>Seeded demo history (./run.sh --demo): no connection, never scanned, removable as a whole (decision 0031).</summary>
    DemoHistory = 2,
}
