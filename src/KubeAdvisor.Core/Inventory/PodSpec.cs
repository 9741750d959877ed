namespace KubeAdvisor.Core.Inventory;

/// <summary>The parts of a pod spec that policies read.</summary>
/// <param name="InitContainers">spec.initContainers.</param>
/// <param name="Containers">spec.containers.</param>
/// <param name="EphemeralContainers">spec.ephemeralContainers (only on live pods).</param>
/// <param name="HostNetwork">spec.hostNetwork.</param>
/// <param name="HostPid">spec.hostPID.</param>
/// <param name="HostIpc">spec.hostIPC.</param>
/// <param name="ServiceAccountName">spec.serviceAccountName.</param>
/// <param name="AutomountServiceAccountToken">spec.automountServiceAccountToken (null = not set, the API default is true).</param>
/// <param name="SecurityContext">spec.securityContext, inherited by containers unless they override a field.</param>
/// <param name="Volumes">spec.volumes.</param>
public sealed record PodSpec(
    IReadOnlyList<Container> InitContainers,
    IReadOnlyList<Container> Containers,
    IReadOnlyList<Container> EphemeralContainers,
    bool HostNetwork,
    bool HostPid,
    bool HostIpc,
    string? ServiceAccountName,
    bool? AutomountServiceAccountToken,
    PodSecurityContext? SecurityContext,
    IReadOnlyList<Volume> Volumes)
{
    /// <summary>spec.os.name (<c>linux</c> or <c>windows</c>); null when unset.</summary>
    public string? OsName { get; init; }

    /// <summary>spec.restartPolicy as written; null when unset (the API then defaults it to Always).</summary>
    public string? RestartPolicy { get; init; }

    /// <summary>Pod-level spec.resources (PodLevelResources, beta in 1.34); null when unset.</summary>
    public ResourceRequirements? Resources { get; init; }

    /// <summary>spec.priorityClassName; null when unset or empty.</summary>
    public string? PriorityClassName { get; init; }

    /// <summary>The topologyKey of each spec.topologySpreadConstraints entry.</summary>
    public IReadOnlyList<string> TopologySpreadKeys { get; init; } = [];

    /// <summary>Whether spec.affinity.podAntiAffinity sets a required or preferred term.</summary>
    public bool HasPodAntiAffinity { get; init; }

    /// <summary>
    /// spec.os.name is windows: the API forbids the Linux-only securityContext fields (privileged,
    /// allowPrivilegeEscalation, capabilities, readOnlyRootFilesystem, seccompProfile, runAsUser) on such pods.
    /// </summary>
    public bool IsWindows => OsName == "windows";

    /// <summary>Containers are restarted whatever their exit code (restartPolicy Always, the default): a long-running pod.</summary>
    public bool RunsContinuously => RestartPolicy is null or "Always";
}
