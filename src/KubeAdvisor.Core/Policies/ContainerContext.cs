using KubeAdvisor.Core.Images;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Policies;

/// <summary>What a container policy sees: the container, its parsed image, its workload and the cluster's parameters.</summary>
/// <param name="Workload">The workload the container belongs to.</param>
/// <param name="Container">The container being judged.</param>
/// <param name="Image">Its image, parsed and resolved once per distinct string per evaluation.</param>
/// <param name="Parameters">The cluster's policy parameters.</param>
public readonly record struct ContainerContext(
    Workload Workload,
    Container Container,
    ResolvedImage Image,
    PolicyParameters Parameters)
{
    /// <summary>The parsed image reference.</summary>
    public ImageReference Reference => Image.Reference;

    /// <summary>What earlier scans saw running (empty on a first scan or without a database).</summary>
    public Evaluation.DigestHistory History { get; init; } = Evaluation.DigestHistory.Empty;

    /// <summary>What the pods of this workload run for this container, per revision and digest.</summary>
    public List<RunningImage> RunningForContainer
    {
        get
        {
            var list = new List<RunningImage>();
            foreach (var r in Workload.Running)
            {
                if (r.Type == Container.Type && string.Equals(r.ContainerName, Container.Name, StringComparison.Ordinal))
                {
                    list.Add(r);
                }
            }

            return list;
        }
    }

    /// <summary>The pod spec the container is in.</summary>
    public PodSpec Pod => Workload.Template.Spec;

    /// <summary>runAsNonRoot as Kubernetes applies it: the container's value, else the pod's.</summary>
    public bool? EffectiveRunAsNonRoot => Container.SecurityContext?.RunAsNonRoot ?? Pod.SecurityContext?.RunAsNonRoot;

    /// <summary>runAsUser as Kubernetes applies it: the container's value, else the pod's.</summary>
    public long? EffectiveRunAsUser => Container.SecurityContext?.RunAsUser ?? Pod.SecurityContext?.RunAsUser;

    /// <summary>seccompProfile.type as Kubernetes applies it: the container's value, else the pod's.</summary>
    public string? EffectiveSeccompProfileType =>
        Container.SecurityContext?.SeccompProfileType ?? Pod.SecurityContext?.SeccompProfileType;

    /// <summary>windowsOptions.hostProcess as Kubernetes applies it: the container's value, else the pod's.</summary>
    public bool EffectiveHostProcess =>
        Container.SecurityContext?.WindowsHostProcess ?? Pod.SecurityContext?.WindowsHostProcess ?? false;

    /// <summary>appArmorProfile.type as Kubernetes applies it: the container's value, else the pod's.</summary>
    public string? EffectiveAppArmorProfileType =>
        Container.SecurityContext?.AppArmorProfileType ?? Pod.SecurityContext?.AppArmorProfileType;

    /// <summary>Whether the container or its pod sets seLinuxOptions (the container's override field by field).</summary>
    public bool EffectiveHasSeLinuxOptions =>
        Container.SecurityContext?.HasSeLinuxOptions == true || Pod.SecurityContext?.HasSeLinuxOptions == true;
}
