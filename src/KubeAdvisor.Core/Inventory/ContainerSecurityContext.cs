namespace KubeAdvisor.Core.Inventory;

/// <summary>Container securityContext fields that policies read; null means "not set".</summary>
public sealed record ContainerSecurityContext(
    bool? Privileged,
    bool? AllowPrivilegeEscalation,
    bool? RunAsNonRoot,
    long? RunAsUser,
    bool? ReadOnlyRootFilesystem,
    IReadOnlyList<string> CapabilitiesAdd,
    IReadOnlyList<string> CapabilitiesDrop,
    string? SeccompProfileType)
{
    /// <summary>procMount (<c>Default</c> or <c>Unmasked</c>); null when unset (Default).</summary>
    public string? ProcMount { get; init; }

    /// <summary>windowsOptions.hostProcess; null when unset (the pod's applies).</summary>
    public bool? WindowsHostProcess { get; init; }

    /// <summary>appArmorProfile.type (Kubernetes 1.30+); null when unset (the pod's applies).</summary>
    public string? AppArmorProfileType { get; init; }

    /// <summary>Whether seLinuxOptions sets any of user, role, type or level.</summary>
    public bool HasSeLinuxOptions { get; init; }
}
