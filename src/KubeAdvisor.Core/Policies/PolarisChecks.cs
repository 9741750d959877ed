namespace KubeAdvisor.Core.Policies;

/// <summary>
/// The checks of Polaris, the most used open-source checker, by their Polaris id: the 44 of its default
/// configuration plus the two opt-in ones admins ask about (<c>oneController</c>, <c>resourceRange</c>). A policy
/// names its equivalents in <see cref="PolicyDescriptor.Polaris"/>; a check no policy names carries the reason here,
/// and docs/policies.md lists both (the "does it cover what Polaris covers?" table).
/// </summary>
public static class PolarisChecks
{
    /// <summary>Every Polaris check id, with why KubeAdvisor has no equivalent yet (null when a policy names it).</summary>
    public static IReadOnlyList<(string Id, string? NotYetBecause)> All { get; } =
    [
        // reliability
        ("deploymentMissingReplicas", null),
        ("priorityClassNotSet", null),
        ("tagNotSpecified", null),
        ("pullPolicyNotAlways", null),
        ("readinessProbeMissing", null),
        ("livenessProbeMissing", null),
        ("metadataAndInstanceMismatched", null),
        ("pdbDisruptionsIsZero", null),
        ("missingPodDisruptionBudget", null),
        ("topologySpreadConstraint", null),
        ("hpaMaxAvailability", null),
        ("hpaMinAvailability", null),
        ("pdbMinAvailableGreaterThanOrEqualToHPAMinReplicas", null),
        ("oneController", "not judged: the API server refuses an object with a second controller owner reference (only one may set controller: true), so a scanned pod cannot fail it; pods with no controller are pod-without-controller's"),

        // efficiency
        ("cpuRequestsMissing", null),
        ("cpuLimitsMissing", null),
        ("memoryRequestsMissing", null),
        ("memoryLimitsMissing", null),
        ("resourceRange", null),

        // security
        ("automountServiceAccountToken", null),
        ("hostIPCSet", null),
        ("hostPathSet", null),
        ("hostProcess", null),
        ("hostPIDSet", null),
        ("linuxHardening", null),
        ("missingNetworkPolicy", null),
        ("notReadOnlyRootFilesystem", null),
        ("privilegeEscalationAllowed", null),
        ("procMount", null),
        ("runAsRootAllowed", null),
        ("runAsPrivileged", null),
        ("dangerousCapabilities", null),
        ("insecureCapabilities", null),
        ("hostNetworkSet", null),
        ("hostPortSet", null),
        ("tlsSettingsMissing", null),
        ("sensitiveContainerEnvVar", null),
        ("sensitiveConfigmapContent", null),
        ("clusterrolePodExecAttach", null),
        ("rolePodExecAttach", null),
        ("clusterrolebindingPodExecAttach", null),
        ("rolebindingClusterRolePodExecAttach", null),
        ("rolebindingRolePodExecAttach", null),
        ("clusterrolebindingClusterAdmin", null),
        ("rolebindingClusterAdminClusterRole", null),
        ("rolebindingClusterAdminRole", null),
    ];
}
