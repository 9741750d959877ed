namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>container-root-filesystem-writable</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerRootFilesystemWritablePolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-root-filesystem-writable",
        Title: "Root filesystem is writable",
        Description: "The container's securityContext.readOnlyRootFilesystem is not true (unset means writable). The field is "
            + "container-only. Judged on init, regular and ephemeral containers; not applicable on Windows pods.",
        Rationale: "A writable root filesystem lets an attacker drop tools and persist changes to binaries and configuration "
            + "for the life of the container; it also hides state that should live in a volume.",
        Remediation: """
            Make the root filesystem read-only and mount writable scratch space where the process needs it:
              securityContext:
                readOnlyRootFilesystem: true
              volumeMounts:
                - name: tmp
                  mountPath: /tmp
            with a pod volume  - name: tmp  emptyDir: {}
            """,
        Category: "Security",
        DefaultSeverity: Severity.Medium,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["cis-1.9:5.7.3", "nsa-cisa:immutable-filesystem"],
        Polaris = ["notReadOnlyRootFilesystem"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        if (context.Pod.IsWindows)
        {
            return CheckResult.NotApplicable;
        }

        return context.Container.SecurityContext?.ReadOnlyRootFilesystem == true
            ? CheckResult.Pass
            : CheckResult.Fail($"container {context.Container.Name} has a writable root filesystem (readOnlyRootFilesystem is not true)");
    }
}
