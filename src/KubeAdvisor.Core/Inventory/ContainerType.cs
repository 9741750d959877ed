namespace KubeAdvisor.Core.Inventory;

/// <summary>Which list of the pod spec a container is in.</summary>
public enum ContainerType
{
    /// <summary>spec.initContainers</summary>
    Init,
    /// <summary>spec.containers</summary>
    Regular,
    /// <summary>spec.ephemeralContainers</summary>
    Ephemeral,
}
