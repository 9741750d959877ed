using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Benchmarks.PolicyEngine;

/// <summary>
/// A deterministic in-memory inventory shaped like a large cluster: every workload has its own service image
/// (so most image strings are distinct and really parsed), a shared sidecar and, for some, an init container;
/// a mix of good and bad references, excluded namespaces and exempt annotations; security contexts, resources, env,
/// labels, replicas and PodDisruptionBudgets for the best-practice packs (<see cref="SyntheticPodShape"/>).
/// </summary>
public static class SyntheticInventory
{
    private const string Sha = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly Dictionary<string, string> NoLabels = [];
    private static readonly Dictionary<string, string> Exempt = new() { ["kubeadvisor.io/exempt"] = "image-tag-latest" };

    private static readonly string[] Sidecars =
    [
        "envoyproxy/envoy:v1.31.2", "fluent/fluent-bit:3.1", "registry.internal:5000/platform/otel-agent@" + Sha,
        "ghcr.io/acme/vault-agent:latest", "busybox", "docker.io/library/nginx:stable", "quay.io/prometheus/node-exporter:v1.8.2",
    ];

    private static readonly string[] Inits = ["busybox:1.36", "registry.internal:5000/platform/migrate:main", "alpine", "Alpine:3.20"];

    /// <summary>Builds <paramref name="workloads"/> workloads with exactly three containers each.</summary>
    public static ClusterSnapshot Create(int workloads = 10_000)
    {
        var random = new Random(42);
        var shape = new SyntheticPodShape(4242);
        var list = new Workload[workloads];
        var budgets = new List<PodDisruptionBudget>();
        for (var i = 0; i < workloads; i++)
        {
            var ns = i % 50 == 0 ? "kube-system" : $"team-{i % 200}";
            var main = new Container("app", ContainerType.Regular, ServiceImage(i, random), PullPolicy(random), null,
                ResourceRequirements.None, true, true, [], []);
            var sidecar = new Container("sidecar", ContainerType.Regular, Sidecars[random.Next(Sidecars.Length)], null, null,
                ResourceRequirements.None, true, true, [], []);
            var third = i % 3 == 0
                ? new Container("init", ContainerType.Init, Inits[random.Next(Inits.Length)], null, null, ResourceRequirements.None, false, false, [], [])
                : new Container("worker", ContainerType.Regular, ServiceImage(i + 1, random), null, null, ResourceRequirements.None, true, true, [], []);
            (main, sidecar, third) = (shape.Dress(main), shape.Dress(sidecar), shape.Dress(third));
            Container[] init = third.Type == ContainerType.Init ? [third] : [];
            Container[] regular = third.Type == ContainerType.Init ? [main, sidecar] : [main, sidecar, third];
            var spec = shape.Dress(new PodSpec(init, regular, [], false, false, false, null, null, null, []));
            var annotations = i % 97 == 0 ? Exempt : NoLabels;
            var name = $"svc-{i}";
            var labels = new Dictionary<string, string> { ["app"] = name, ["team"] = ns };
            list[i] = new Workload(i % 10 == 0 ? "StatefulSet" : "Deployment", ns, name, $"uid-{i:D6}", NoLabels, annotations,
                new PodTemplate(labels, NoLabels, spec), shape.Replicas(), []);
            if (shape.Budget(ns, name) is { } budget)
            {
                budgets.Add(budget);
            }
        }

        random.Shuffle(list);
        return new ClusterSnapshot("bench", DateTimeOffset.UnixEpoch, "v1.32.0", list.Select(w => w.Namespace).Distinct().ToArray(), list, budgets);
    }

    /// <summary>A varied list of references for the parsing benchmark.</summary>
    public static string[] References(int count)
    {
        var random = new Random(7);
        return Enumerable.Range(0, count).Select(i => i % 4 == 0 ? Sidecars[i % Sidecars.Length] : ServiceImage(i, random)).ToArray();
    }

    private static string ServiceImage(int i, Random random) => random.Next(20) switch
    {
        0 => $"registry.internal:5000/team-{i % 200}/svc-{i}",
        1 => $"registry.internal:5000/team-{i % 200}/svc-{i}:latest",
        2 => $"registry.internal:5000/team-{i % 200}/svc-{i}:1.{i % 40}.0@{Sha}",
        3 => $"ghcr.io/acme/svc-{i}:nightly",
        4 => $"svc-{i}:",
        5 => $"[fd00::1]:5000/team/svc-{i}:2.{i % 9}",
        6 => $"docker.io/acme/svc_{i}:v{i % 13}.{i % 7}",
        _ => $"registry.internal:5000/team-{i % 200}/svc-{i}:1.{i % 40}.{i % 17}",
    };

    private static string? PullPolicy(Random random) => random.Next(3) switch
    {
        0 => "Always",
        1 => "IfNotPresent",
        _ => null,
    };
}
