namespace KubeAdvisor.Core.Compliance;

/// <summary>
/// The frameworks KubeAdvisor reports on and their controls, as the frameworks name them. Which policy evidences
/// which control is said by each policy's descriptor, never here; docs/compliance.md is generated from both.
/// </summary>
public static class ComplianceFrameworks
{
    private static readonly ComplianceControl[] Baseline =
    [
        new("pss-baseline:host-process", "HostProcess", "Windows pods may not run HostProcess containers"),
        new("pss-baseline:host-namespaces", "Host Namespaces", "Sharing the host's network, PID or IPC namespace is disallowed"),
        new("pss-baseline:privileged", "Privileged Containers", "Privileged pods disable most security mechanisms and are disallowed"),
        new("pss-baseline:capabilities", "Capabilities", "Adding capabilities beyond the default set is disallowed"),
        new("pss-baseline:host-path", "HostPath Volumes", "HostPath volumes are forbidden"),
        new("pss-baseline:host-ports", "Host Ports", "HostPorts are disallowed (or limited to a known list)"),
        new("pss-baseline:apparmor", "AppArmor", "Overriding or disabling the default AppArmor profile is restricted"),
        new("pss-baseline:selinux", "SELinux", "Setting a custom SELinux user or role is forbidden"),
        new("pss-baseline:proc-mount", "/proc Mount Type", "The default /proc masks are required"),
        new("pss-baseline:seccomp", "Seccomp", "Seccomp may not be set to Unconfined"),
        new("pss-baseline:sysctls", "Sysctls", "Only the safe subset of sysctls is allowed"),
    ];

    /// <summary>Pod Security Standards, baseline profile.</summary>
    public static ComplianceFramework PssBaseline { get; } = new(
        "pss-baseline", "Pod Security Standards: baseline", "https://kubernetes.io/docs/concepts/security/pod-security-standards/", Baseline);

    /// <summary>Pod Security Standards, restricted profile: every baseline control plus its own.</summary>
    public static ComplianceFramework PssRestricted { get; } = new(
        "pss-restricted", "Pod Security Standards: restricted", "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
        [
            .. Baseline,
            new("pss-restricted:volume-types", "Volume Types", "Only the listed volume types (configMap, secret, emptyDir, projected, …) are allowed"),
            new("pss-restricted:privilege-escalation", "Privilege Escalation", "allowPrivilegeEscalation must be false"),
            new("pss-restricted:run-as-non-root", "Running as Non-root", "Containers must set runAsNonRoot: true"),
            new("pss-restricted:run-as-non-root-user", "Running as Non-root user", "Containers must not set runAsUser to 0"),
            new("pss-restricted:seccomp", "Seccomp", "A seccomp profile (RuntimeDefault or Localhost) must be set"),
            new("pss-restricted:capabilities", "Capabilities", "Containers must drop ALL and may add back only NET_BIND_SERVICE"),
        ]);

    /// <summary>CIS Kubernetes Benchmark v1.9, section 5 (Policies): the controls a workload scan can evidence or that name objects it reads.</summary>
    public static ComplianceFramework Cis { get; } = new(
        "cis-1.9", "CIS Kubernetes Benchmark v1.9, section 5", "https://www.cisecurity.org/benchmark/kubernetes",
        [
            new("cis-1.9:5.1.1", "5.1.1", "Ensure that the cluster-admin role is only used where required"),
            new("cis-1.9:5.1.2", "5.1.2", "Minimize access to secrets"),
            new("cis-1.9:5.1.3", "5.1.3", "Minimize wildcard use in Roles and ClusterRoles"),
            new("cis-1.9:5.1.4", "5.1.4", "Minimize access to create pods"),
            new("cis-1.9:5.1.5", "5.1.5", "Ensure that default service accounts are not actively used"),
            new("cis-1.9:5.1.6", "5.1.6", "Ensure that Service Account Tokens are only mounted where necessary"),
            new("cis-1.9:5.1.8", "5.1.8", "Limit use of the Bind, Impersonate and Escalate permissions"),
            new("cis-1.9:5.2.2", "5.2.2", "Minimize the admission of privileged containers"),
            new("cis-1.9:5.2.3", "5.2.3", "Minimize the admission of containers wishing to share the host process ID namespace"),
            new("cis-1.9:5.2.4", "5.2.4", "Minimize the admission of containers wishing to share the host IPC namespace"),
            new("cis-1.9:5.2.5", "5.2.5", "Minimize the admission of containers wishing to share the host network namespace"),
            new("cis-1.9:5.2.6", "5.2.6", "Minimize the admission of containers with allowPrivilegeEscalation"),
            new("cis-1.9:5.2.7", "5.2.7", "Minimize the admission of root containers"),
            new("cis-1.9:5.2.8", "5.2.8", "Minimize the admission of containers with the NET_RAW capability"),
            new("cis-1.9:5.2.9", "5.2.9", "Minimize the admission of containers with added capabilities"),
            new("cis-1.9:5.2.10", "5.2.10", "Minimize the admission of containers with capabilities assigned"),
            new("cis-1.9:5.2.11", "5.2.11", "Minimize the admission of Windows HostProcess containers"),
            new("cis-1.9:5.2.12", "5.2.12", "Minimize the admission of HostPath volumes"),
            new("cis-1.9:5.2.13", "5.2.13", "Minimize the admission of containers which use HostPorts"),
            new("cis-1.9:5.3.2", "5.3.2", "Ensure that all Namespaces have NetworkPolicies defined"),
            new("cis-1.9:5.4.1", "5.4.1", "Prefer using Secrets as files over Secrets as environment variables"),
            new("cis-1.9:5.5.1", "5.5.1", "Configure Image Provenance"),
            new("cis-1.9:5.7.2", "5.7.2", "Ensure that the seccomp profile is set to RuntimeDefault in your pod definitions"),
            new("cis-1.9:5.7.3", "5.7.3", "Apply SecurityContext to your Pods and Containers"),
            new("cis-1.9:5.7.4", "5.7.4", "The default namespace should not be used"),
        ]);

    /// <summary>NSA/CISA Kubernetes Hardening Guidance v1.2: its recommendations for workloads, by section.</summary>
    public static ComplianceFramework Nsa { get; } = new(
        "nsa-cisa", "NSA/CISA Kubernetes Hardening Guidance v1.2", "https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF",
        [
            new("nsa-cisa:non-root", "Pod security: non-root containers", "Run containers as non-root users"),
            new("nsa-cisa:immutable-filesystem", "Pod security: immutable container file systems", "Mount the container's root file system read-only"),
            new("nsa-cisa:secure-images", "Pod security: building secure container images", "Pull images only from trusted registries, by immutable reference"),
            new("nsa-cisa:pod-security", "Pod security: pod security enforcement", "No privileged containers, host namespaces, host paths, privilege escalation or added capabilities"),
            new("nsa-cisa:service-account-tokens", "Pod security: protecting service account tokens", "Do not mount service account tokens into pods that do not need them"),
            new("nsa-cisa:container-hardening", "Pod security: hardening container environments", "Confine containers with seccomp, AppArmor or SELinux"),
            new("nsa-cisa:namespaces", "Network separation: namespaces", "Separate workloads by namespace; do not use the default namespace"),
            new("nsa-cisa:network-policies", "Network separation: network policies", "Select every pod with a NetworkPolicy that denies by default"),
            new("nsa-cisa:resource-policies", "Network separation: resource policies", "Set requests and limits so no workload can exhaust a node"),
            new("nsa-cisa:rbac", "Authentication and authorization: RBAC", "Grant least privilege; avoid cluster-admin and wildcard rules"),
            new("nsa-cisa:secrets", "Pod security: secrets", "Keep secrets in Secrets, not in plain-text pod specs"),
        ]);

    /// <summary>Every framework, in the order the docs and the Compliance page list them.</summary>
    public static IReadOnlyList<ComplianceFramework> All { get; } = [PssBaseline, PssRestricted, Cis, Nsa];

    /// <summary>The control with <paramref name="key"/> (<c>framework:id</c>) in any framework; null when there is none.</summary>
    public static ComplianceControl? Find(string key) =>
        All.SelectMany(f => f.Controls).FirstOrDefault(c => c.Key == key);
}
