namespace KubeAdvisor.Core.Policies.Security;

/// <summary>The <c>pod-host-path-volume</c> policy: its <see cref="Descriptor"/> says what it checks, why, and how to fix it.</summary>
internal sealed class PodHostPathVolumePolicy : WorkloadPolicy
{
    public override PolicyDescriptor Descriptor { get; } = new(
        Id: "pod-host-path-volume",
        Title: "Pod mounts a hostPath volume",
        Description: "spec.volumes contains a hostPath volume (whatever its path or type, read-only or not: a declared hostPath "
            + "volume is reported even if no container mounts it, as the Pod Security Standards do). One check per workload.",
        Rationale: "A hostPath volume exposes the node's filesystem: /var/run/containerd.sock or / gives control of the node, "
            + "/var/log or /etc leak other workloads' data, and the pod is tied to what one node's disk contains.",
        Remediation: """
            Use a volume type that does not reach into the node:
              volumes:
                - name: data
                  persistentVolumeClaim:
                    claimName: data
                - name: scratch
                  emptyDir: {}
            Node agents that need hostPath belong in an excluded namespace or carry the kubeadvisor.io/exempt annotation.
            """,
        Category: "Security",
        DefaultSeverity: Severity.High,
        DefaultEnabled: false,
        Pack: "security")
    {
        Controls = ["pss-baseline:host-path", "pss-restricted:volume-types", "cis-1.9:5.2.12", "nsa-cisa:pod-security"],
        Polaris = ["hostPathSet"],
    };

    public override CheckResult Evaluate(in WorkloadContext context)
    {
        var volumes = context.Pod.Volumes;
        List<string>? found = null;
        for (var i = 0; i < volumes.Count; i++)
        {
            if (volumes[i].HostPath is { } path)
            {
                (found ??= []).Add($"{volumes[i].Name} ({path})");
            }
        }

        return found is null
            ? CheckResult.Pass
            : CheckResult.Fail($"the pod declares hostPath volume{(found.Count > 1 ? "s" : "")} {string.Join(", ", found)}");
    }
}
