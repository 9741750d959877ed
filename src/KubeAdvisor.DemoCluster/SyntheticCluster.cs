using k8s;
using k8s.Models;

namespace KubeAdvisor.DemoCluster;

/// <summary>
/// Generates a large cluster in memory for benchmarks and paging tests: Deployments spread over namespaces,
/// each with its ReplicaSet and running pods, cycling through image forms (latest, untagged, pinned tag, digest).
/// 10,000 workloads × 3 pods ≈ 30,000 pods. Deterministic for a given size.
/// </summary>
public static class SyntheticCluster
{
    /// <summary>Namespaces, Deployments, ReplicaSets and pods, ready for <see cref="FakeObjectStore.Replace"/>.</summary>
    /// <param name="workloads">Number of Deployments.</param>
    /// <param name="podsPerWorkload">Running pods per Deployment (default 3).</param>
    /// <param name="namespaces">Namespaces to spread them over (default 50).</param>
    public static IReadOnlyList<IKubernetesObject> Generate(int workloads, int podsPerWorkload = 3, int namespaces = 50)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workloads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(namespaces);
        var result = new List<IKubernetesObject>(namespaces + (workloads * (podsPerWorkload + 2)));
        for (var n = 0; n < namespaces; n++)
        {
            result.Add(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = Namespace(n) } });
        }

        for (var i = 0; i < workloads; i++)
        {
            var deployment = Deployment(Namespace(i % namespaces), $"app-{i:D5}", ImageFor(i), podsPerWorkload);
            result.Add(deployment);
            result.AddRange(PodFactory.ReplicaSetAndPods(deployment, podsPerWorkload));
        }

        return result;
    }

    /// <summary>The image form of workload <paramref name="i"/>: latest, untagged, pinned tag or digest, in turn.</summary>
    public static string ImageFor(int i) => (i % 4) switch
    {
        0 => $"registry.example.com/team{i % 7}/app-{i}:latest",
        1 => $"registry.example.com/team{i % 7}/app-{i}",
        2 => $"registry.example.com/team{i % 7}/app-{i}:1.{i % 10}.0",
        _ => $"registry.example.com/team{i % 7}/app-{i}@{PodFactory.Digest($"app-{i}")}",
    };

    /// <summary>A Deployment with one container, resources and probes set.</summary>
    public static V1Deployment Deployment(string ns, string name, string image, int replicas)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        return new V1Deployment
        {
            ApiVersion = "apps/v1", Kind = "Deployment",
            Metadata = new V1ObjectMeta
            {
                Name = name, NamespaceProperty = ns, Uid = FakeObjectStore.StableUid(ns, "Deployment", name), Labels = labels,
            },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "app", Image = image,
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
                                    Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
                                },
                                ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = 8080 } },
                            },
                        ],
                    },
                },
            },
        };
    }

    private static string Namespace(int n) => $"team-{n:D3}";
}
