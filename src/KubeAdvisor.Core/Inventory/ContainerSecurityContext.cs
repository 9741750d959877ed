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
    string? SeccompProfileType);
