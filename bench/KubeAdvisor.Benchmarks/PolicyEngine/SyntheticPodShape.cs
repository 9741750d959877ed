using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Benchmarks.PolicyEngine;

/// <summary>
/// The non-image side of a synthetic workload, for the best-practice packs: a mix of hardened, partly hardened and
/// bare security contexts, resources, env vars (a few secret-looking), host namespaces and hostPath for a few, labels
/// and replicas. Uses its own random sequence so the image references of <see cref="SyntheticInventory"/> do not change.
/// </summary>
internal sealed class SyntheticPodShape(int seed)
{
    private static readonly ContainerSecurityContext Hardened = new(false, false, true, 10001, true, [], ["ALL"], null);
    private static readonly ContainerSecurityContext Partial = new(null, false, null, null, null, ["NET_ADMIN"], [], null);
    private static readonly PodSecurityContext HardenedPod = new(true, 10001, "RuntimeDefault");
    private static readonly ResourceRequirements Full = new("100m", "128Mi", "500m", "128Mi");
    private static readonly ResourceRequirements RequestsOnly = new("100m", "128Mi", null, null);
    private static readonly EnvVar[] PlainEnv = [new("LOG_LEVEL", "info"), new("PORT", "8080"), new("DB_PASSWORD", null)];
    private static readonly EnvVar[] LeakyEnv = [new("LOG_LEVEL", "info"), new("DB_PASSWORD", "hunter2-prod"), new("DATABASE_URL", "postgres://app:pw@db/app")];
    private static readonly Volume[] HostVolumes = [new("logs", "/var/log"), new("tmp", null)];
    private static readonly Volume[] PlainVolumes = [new("tmp", null)];

    private readonly Random _random = new(seed);

    /// <summary>Dresses a container: security context, resources and env by a per-container draw.</summary>
    public Container Dress(Container c)
    {
        var draw = _random.Next(10);
        return c with
        {
            SecurityContext = draw < 4 ? Hardened : draw < 7 ? Partial : null,
            Resources = draw < 5 ? Full : draw < 8 ? RequestsOnly : ResourceRequirements.None,
            Env = _random.Next(20) == 0 ? LeakyEnv : PlainEnv,
        };
    }

    /// <summary>Dresses a pod spec: pod securityContext, automount, host namespaces and volumes for a few.</summary>
    public PodSpec Dress(PodSpec spec)
    {
        var draw = _random.Next(50);
        return spec with
        {
            SecurityContext = _random.Next(2) == 0 ? HardenedPod : null,
            AutomountServiceAccountToken = _random.Next(3) == 0 ? false : null,
            HostNetwork = draw == 0,
            HostPid = draw == 1,
            Volumes = draw == 2 ? HostVolumes : PlainVolumes,
        };
    }

    /// <summary>Replicas: one in ten workloads runs a single replica.</summary>
    public int Replicas() => _random.Next(10) == 0 ? 1 : 2;

    /// <summary>Half the workloads get a PodDisruptionBudget selecting their <c>app</c> label.</summary>
    public PodDisruptionBudget? Budget(string ns, string app) =>
        _random.Next(2) == 0
            ? new PodDisruptionBudget(ns, app, new LabelSelector(new Dictionary<string, string> { ["app"] = app }, []))
            : null;
}
