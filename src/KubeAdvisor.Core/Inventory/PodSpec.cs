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
    IReadOnlyList<Volume> Volumes);
