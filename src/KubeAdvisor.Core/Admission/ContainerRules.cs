using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Policies.Security;

namespace KubeAdvisor.Core.Admission;

/// <summary>The container policies of the security, reliability and efficiency packs as CEL.</summary>
internal static class ContainerRules
{
    private const string Every = "variables.allContainers";
    private const string Linux = "variables.windows ? [] : variables.allContainers";
    private const string Pod = "variables.podSecurity";
    private const string Resourced = "variables.initContainers + variables.containers";

    // Regular containers and native sidecars of pods that run continuously; Jobs and CronJobs are not probed.
    private const string Probed = "object.kind in ['Job', 'CronJob'] || (has(variables.podSpec.restartPolicy) && variables.podSpec.restartPolicy != 'Always')"
        + " ? [] : variables.containers + variables.initContainers.filter(c, has(c.restartPolicy) && c.restartPolicy == 'Always')";

    private static readonly string Privileged = $"{CelText.Has("c", "securityContext", "privileged")} && c.securityContext.privileged == true";

    public static IReadOnlyDictionary<string, Func<ClusterPolicySettings, CelCheck>> All { get; } =
        new Dictionary<string, Func<ClusterPolicySettings, CelCheck>>(StringComparer.Ordinal)
        {
            ["container-privileged"] = _ => new(Linux, Privileged, "sets privileged: true"),
            ["container-privilege-escalation-allowed"] = _ => new(
                Linux, $"!({CelText.Has("c", "securityContext", "allowPrivilegeEscalation")} && c.securityContext.allowPrivilegeEscalation == false)",
                "does not set allowPrivilegeEscalation: false"),
            ["container-root-filesystem-writable"] = _ => new(
                Linux, $"!({CelText.Has("c", "securityContext", "readOnlyRootFilesystem")} && c.securityContext.readOnlyRootFilesystem == true)",
                "has a writable root filesystem (readOnlyRootFilesystem is not true)"),
            ["container-proc-mount-unmasked"] = _ => new(
                Linux, $"{CelText.Has("c", "securityContext", "procMount")} && c.securityContext.procMount == 'Unmasked'", "sets procMount: Unmasked"),
            ["container-capabilities-dangerous"] = _ => new(
                Linux, $"{CelText.Has("c", "securityContext", "capabilities", "add")} && c.securityContext.capabilities.add.exists(x, !{Capability("x", Capabilities.BaselineAllowed)})",
                "adds a capability outside the baseline set"),
            ["container-capabilities-not-dropped"] = _ => new(
                Linux, $"({Privileged}) || !({CelText.Has("c", "securityContext", "capabilities", "drop")} && c.securityContext.capabilities.drop.exists(x, {Capability("x", ["ALL"])}))",
                "does not drop ALL capabilities (or is privileged)"),
            ["container-run-as-root"] = _ => new(
                Every, $"{Effective("runAsUser", v => $"{v} == 0")} || !({Effective("runAsNonRoot", v => $"{v} == true")})",
                "may run as root (runAsNonRoot is not true, or runAsUser is 0)"),
            ["container-seccomp-unconfined"] = _ => new(
                Linux, $"({Privileged}) || !({Effective("seccompProfile", "type", Confined)})", "runs without a RuntimeDefault or Localhost seccomp profile"),
            ["container-linux-hardening-missing"] = _ => new(
                Linux, $"({Privileged}) || !({Effective("seccompProfile", "type", Confined)} || {Effective("appArmorProfile", "type", Confined)} || {SeLinux()})",
                "has no seccomp profile, AppArmor profile or SELinux options"),
            ["pod-host-process"] = _ => new(
                Every, Effective("windowsOptions", "hostProcess", v => $"{v} == true"), "runs as a Windows HostProcess container"),
            ["container-host-port"] = _ => new(
                Resourced, "has(c.ports) && c.ports.exists(p, has(p.hostPort) && p.hostPort > 0)", "binds a host port"),
            ["container-liveness-probe-missing"] = _ => new(Probed, "!has(c.livenessProbe)", "has no livenessProbe"),
            ["container-readiness-probe-missing"] = _ => new(Probed, "!has(c.readinessProbe)", "has no readinessProbe"),
            ["container-cpu-request-missing"] = _ => new(
                Resourced, $"!({Quantity("requests", "cpu")} || {Quantity("limits", "cpu")})", "requests no CPU (no requests.cpu or limits.cpu, none at pod level)"),
            ["container-memory-request-missing"] = _ => new(
                Resourced, $"!({Quantity("requests", "memory")} || {Quantity("limits", "memory")})", "requests no memory (no requests.memory or limits.memory, none at pod level)"),
            ["container-cpu-limit-missing"] = _ => new(
                Resourced, $"!{Quantity("limits", "cpu")}", "has no CPU limit (no limits.cpu, none at pod level)"),
            ["container-memory-limit-missing"] = _ => new(
                Resourced, $"!{Quantity("limits", "memory")}", "has no memory limit (no limits.memory, none at pod level)"),
        };

    private static string Confined(string value) => $"{value} in ['RuntimeDefault', 'Localhost']";

    // Names compare without case, and with or without CAP_, after trimming, as runtimes read them.
    private static string Capability(string value, IEnumerable<string> names) => CelText.Matches(value,
        $@"^{CelText.Space}*(?:{CelText.IgnoreCase("cap_")})?(?:{string.Join('|', names.Select(CelText.IgnoreCase))}){CelText.Space}*\z");

    // The container's securityContext field when set, else the pod's (runAsUser, runAsNonRoot).
    private static string Effective(string field, Func<string, string> test) =>
        $"(({CelText.Has("c", "securityContext", field)}) ? {test($"c.securityContext.{field}")} : (has({Pod}.{field}) && {test($"{Pod}.{field}")}))";

    // The same for a field of a nested object (seccompProfile.type, appArmorProfile.type, windowsOptions.hostProcess).
    private static string Effective(string parent, string field, Func<string, string> test) =>
        $"(({CelText.Has("c", "securityContext", parent, field)}) ? {test($"c.securityContext.{parent}.{field}")}"
        + $" : ({CelText.Has(Pod, parent, field)} && {test($"{Pod}.{parent}.{field}")}))";

    private static string SeLinux()
    {
        static string Any(string options) => $"['user', 'role', 'type', 'level'].exists(k, k in {options} && {options}[k] != '')";
        return $"({CelText.Has("c", "securityContext", "seLinuxOptions")} && {Any("c.securityContext.seLinuxOptions")})"
            + $" || ({CelText.Has(Pod, "seLinuxOptions")} && {Any($"{Pod}.seLinuxOptions")})";
    }

    // Set on the container or at pod level (spec.resources), and not zero: '0', '0m', '0.0' reserve nothing; a text
    // that is no number at all counts as set (the API would reject it), as Resources.IsSet decides.
    private static string Quantity(string kind, string resource)
    {
        static string IsSet(string q) =>
            $"({CelText.Matches(q, $"^{CelText.Space}*[0-9.+]*[1-9]")} || ({CelText.Matches(q, $@"^{CelText.Space}*[.+]*(?:[^0-9.+{CelText.Space[1..^1]}]|{CelText.Space}*\z)")}"
            + $" && {CelText.Matches(q, "[^" + CelText.Space[1..])}))";
        string On(string root) => $"({CelText.Has(root, "resources", kind, resource)} && {IsSet($"string({root}.resources.{kind}.{resource})")})";
        return $"({On("c")} || {On("variables.podSpec")})";
    }
}
