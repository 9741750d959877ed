using k8s.Models;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Tests.Oracle;

/// <summary>V1 containers to inventory containers.</summary>
internal static class ContainerMapper
{
    public static IReadOnlyList<Container> Map(IList<V1Container>? containers, ContainerType type) =>
        containers is { Count: > 0 }
            ? containers.Select(c => new Container(
                c.Name ?? "", type, c.Image ?? "", c.ImagePullPolicy,
                SecurityContext(c.SecurityContext),
                Resources(c.Resources),
                c.LivenessProbe is not null,
                c.ReadinessProbe is not null,
                HostPorts(c.Ports),
                Env(c.Env)) { RestartPolicy = c.RestartPolicy }).ToList()
            : [];

    public static IReadOnlyList<Container> MapEphemeral(IList<V1EphemeralContainer>? containers) =>
        containers is { Count: > 0 }
            ? containers.Select(c => new Container(
                c.Name ?? "", ContainerType.Ephemeral, c.Image ?? "", c.ImagePullPolicy,
                SecurityContext(c.SecurityContext),
                Resources(c.Resources),
                c.LivenessProbe is not null,
                c.ReadinessProbe is not null,
                HostPorts(c.Ports),
                Env(c.Env))).ToList()
            : [];

    private static ContainerSecurityContext? SecurityContext(V1SecurityContext? s) =>
        s is null
            ? null
            : new ContainerSecurityContext(
                s.Privileged,
                s.AllowPrivilegeEscalation,
                s.RunAsNonRoot,
                s.RunAsUser,
                s.ReadOnlyRootFilesystem,
                s.Capabilities?.Add?.ToList() ?? [],
                s.Capabilities?.Drop?.ToList() ?? [],
                s.SeccompProfile?.Type)
            {
                ProcMount = s.ProcMount,
                WindowsHostProcess = s.WindowsOptions?.HostProcess,
                AppArmorProfileType = s.AppArmorProfile?.Type,
                HasSeLinuxOptions = SeLinux(s.SeLinuxOptions),
            };

    internal static bool SeLinux(V1SELinuxOptions? o) =>
        o is not null && !(string.IsNullOrEmpty(o.User) && string.IsNullOrEmpty(o.Role) && string.IsNullOrEmpty(o.Type) && string.IsNullOrEmpty(o.Level));

    internal static ResourceRequirements Resources(V1ResourceRequirements? r)
    {
        if (r is null || (r.Requests is not { Count: > 0 } && r.Limits is not { Count: > 0 }))
        {
            return ResourceRequirements.None;
        }

        return new ResourceRequirements(
            Quantity(r.Requests, "cpu"), Quantity(r.Requests, "memory"),
            Quantity(r.Limits, "cpu"), Quantity(r.Limits, "memory"));
    }

    private static string? Quantity(IDictionary<string, ResourceQuantity>? d, string key) =>
        d is not null && d.TryGetValue(key, out var q) && q is not null ? q.ToString() : null;

    private static IReadOnlyList<int> HostPorts(IList<V1ContainerPort>? ports) =>
        ports is { Count: > 0 }
            ? ports.Where(p => p.HostPort is > 0).Select(p => p.HostPort!.Value).ToList()
            : [];

    private static IReadOnlyList<EnvVar> Env(IList<V1EnvVar>? env) =>
        env is { Count: > 0 }
            ? env.Select(e => new EnvVar(e.Name ?? "", e.ValueFrom is null ? e.Value ?? "" : null)).ToList()
            : [];
}
