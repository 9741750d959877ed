using k8s.Models;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Tests.Oracle;

/// <summary>V1 pod specs and templates to the inventory's.</summary>
internal static class PodSpecMapper
{
    private static readonly PodSpec EmptySpec = new([], [], [], false, false, false, null, null, null, []);

    public static PodTemplate Template(V1PodTemplateSpec? t) =>
        new(MetadataMapper.Dict(t?.Metadata?.Labels), MetadataMapper.Annotations(t?.Metadata?.Annotations), Spec(t?.Spec));

    public static PodSpec Spec(V1PodSpec? s) =>
        s is null
            ? EmptySpec
            : new PodSpec(
                ContainerMapper.Map(s.InitContainers, ContainerType.Init),
                ContainerMapper.Map(s.Containers, ContainerType.Regular),
                ContainerMapper.MapEphemeral(s.EphemeralContainers),
                s.HostNetwork == true,
                s.HostPID == true,
                s.HostIPC == true,
                string.IsNullOrEmpty(s.ServiceAccountName) ? null : s.ServiceAccountName,
                s.AutomountServiceAccountToken,
                s.SecurityContext is { } sc
                    ? new PodSecurityContext(sc.RunAsNonRoot, sc.RunAsUser, sc.SeccompProfile?.Type)
                    {
                        WindowsHostProcess = sc.WindowsOptions?.HostProcess,
                        AppArmorProfileType = sc.AppArmorProfile?.Type,
                        HasSeLinuxOptions = ContainerMapper.SeLinux(sc.SeLinuxOptions),
                    }
                    : null,
                s.Volumes is { Count: > 0 } v ? v.Select(x => new Volume(x.Name ?? "", x.HostPath?.Path)).ToList() : [])
            {
                OsName = s.Os?.Name,
                RestartPolicy = s.RestartPolicy,
                PriorityClassName = string.IsNullOrEmpty(s.PriorityClassName) ? null : s.PriorityClassName,
                TopologySpreadKeys = s.TopologySpreadConstraints is { Count: > 0 } t
                    ? t.Select(c => c.TopologyKey).Where(k => !string.IsNullOrEmpty(k)).ToList() : [],
                HasPodAntiAffinity = s.Affinity?.PodAntiAffinity is { } anti
                    && (anti.RequiredDuringSchedulingIgnoredDuringExecution is { Count: > 0 }
                        || anti.PreferredDuringSchedulingIgnoredDuringExecution is { Count: > 0 }),
                Resources = s.Resources is null ? null : ContainerMapper.Resources(s.Resources),
            };

    public static IReadOnlyList<ContainerStatus> Statuses(V1PodStatus? status)
    {
        if (status is null)
        {
            return [];
        }

        var list = new List<ContainerStatus>();
        Add(list, status.InitContainerStatuses, ContainerType.Init);
        Add(list, status.ContainerStatuses, ContainerType.Regular);
        Add(list, status.EphemeralContainerStatuses, ContainerType.Ephemeral);
        return list;
    }

    private static void Add(List<ContainerStatus> list, IList<V1ContainerStatus>? statuses, ContainerType type)
    {
        if (statuses is null)
        {
            return;
        }

        foreach (var s in statuses)
        {
            list.Add(new ContainerStatus(s.Name ?? "", type, s.Image ?? "", s.ImageID ?? ""));
        }
    }
}
