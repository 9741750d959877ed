namespace KubeAdvisor.Core.Inventory;

/// <summary>Pod-level securityContext fields that containers inherit unless they override them.</summary>
public sealed record PodSecurityContext(
    bool? RunAsNonRoot,
    long? RunAsUser,
    string? SeccompProfileType);
