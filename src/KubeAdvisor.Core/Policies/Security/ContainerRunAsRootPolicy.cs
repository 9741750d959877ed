namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>container-run-as-root</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class ContainerRunAsRootPolicy : ContainerPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "container-run-as-root",
        Title: "Container may run as root",
        Description: "The effective runAsUser is 0, or the effective runAsNonRoot is not true. Effective means the container's "
            + "securityContext value, else the pod securityContext's (a container's runAsNonRoot: false overrides the pod's true). "
            + "As in the Pod Security Standards (restricted), runAsUser: 1000 without runAsNonRoot: true fails: only runAsNonRoot "
            + "makes the kubelet refuse uid 0. runAsNonRoot: true with runAsUser: 0 fails too (the kubelet refuses to start it). "
            + "Judged on init, regular and ephemeral containers, Windows pods included (runAsNonRoot applies there).",
        Rationale: "Root in a container is root on the node's kernel: a container escape or a writable host mount becomes a node "
            + "compromise. runAsNonRoot: true makes the kubelet verify the user before starting the container.",
        Remediation: """
            Run as a non-root user, declared once for the pod:
              spec:
                securityContext:
                  runAsNonRoot: true
                  runAsUser: 10001
            and do not set runAsNonRoot: false or runAsUser: 0 on a container.
            """,
        Category: "Security",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["pss-restricted:run-as-non-root", "pss-restricted:run-as-non-root-user", "cis-1.9:5.2.7", "nsa-cisa:non-root"],
        Polaris = ["runAsRootAllowed"],
    };

    public override CheckResult Evaluate(in ContainerContext context)
    {
        var user = context.EffectiveRunAsUser;
        var nonRoot = context.EffectiveRunAsNonRoot;
        var name = context.Container.Name;
        if (user == 0)
        {
            return CheckResult.Fail(nonRoot == true
                ? $"container {name} sets runAsUser: 0 with runAsNonRoot: true; the kubelet refuses to start it"
                : $"container {name} runs as uid 0 (runAsUser: 0)");
        }

        if (nonRoot == true)
        {
            return CheckResult.Pass;
        }

        return CheckResult.Fail(nonRoot == false
            ? $"container {name} sets runAsNonRoot: false{(context.Pod.SecurityContext?.RunAsNonRoot == true ? ", overriding the pod's true" : "")}"
            : user is { } uid
                ? $"container {name} runs as uid {uid} but runAsNonRoot is not true, so nothing stops uid 0 if runAsUser is removed"
                : $"neither container {name} nor its pod sets runAsNonRoot: true, so it runs as whatever user its image declares (root by default)");
    }
}
