namespace KubeAdvisor.Core.Inventory;

/// <summary>One container of a pod spec, with what policies read from it.</summary>
/// <param name="Name">Container name.</param>
/// <param name="Type">Init, regular or ephemeral.</param>
/// <param name="Image">The image string exactly as written in the spec (may be empty or invalid).</param>
/// <param name="ImagePullPolicy">imagePullPolicy as written; null when unset (the API then defaults it).</param>
/// <param name="SecurityContext">Container securityContext; null when unset.</param>
/// <param name="Resources">Requests and limits as written (quantities kept as strings).</param>
/// <param name="HasLivenessProbe">livenessProbe set.</param>
/// <param name="HasReadinessProbe">readinessProbe set.</param>
/// <param name="HostPorts">Every ports[].hostPort that is set and non-zero.</param>
/// <param name="Env">Environment variables (literal values kept only to detect secret-looking literals).</param>
public sealed record Container(
    string Name,
    ContainerType Type,
    string Image,
    string? ImagePullPolicy,
    ContainerSecurityContext? SecurityContext,
    ResourceRequirements Resources,
    bool HasLivenessProbe,
    bool HasReadinessProbe,
    IReadOnlyList<int> HostPorts,
    IReadOnlyList<EnvVar> Env)
{
    /// <summary>
    /// The container's restartPolicy; only <c>Always</c> on an init container is valid, and makes it a native
    /// sidecar (Kubernetes 1.29+) that keeps running and supports probes. Null when unset.
    /// </summary>
    public string? RestartPolicy { get; init; }

    /// <summary>An init container with restartPolicy Always: it runs for the pod's whole life, like a regular container.</summary>
    public bool IsSidecar => Type == ContainerType.Init && RestartPolicy == "Always";
}
