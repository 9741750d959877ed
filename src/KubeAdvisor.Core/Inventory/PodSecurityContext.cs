namespace KubeAdvisor.Core.Inventory;

/// <summary>Pod-level securityContext fields that containers inherit unless they override them.</summary>
public sealed record PodSecurityContext(
    bool? RunAsNonRoot,
    long? RunAsUser,
    string? SeccompProfileType)
{
    /// <summary>windowsOptions.hostProcess; null when unset.</summary>
    public bool? WindowsHostProcess { get; init; }

    /// <summary>appArmorProfile.type (Kubernetes 1.30+); null when unset.</summary>
    public string? AppArmorProfileType { get; init; }

    /// <summary>Whether seLinuxOptions sets any of user, role, type or level.</summary>
    public bool HasSeLinuxOptions { get; init; }
}
