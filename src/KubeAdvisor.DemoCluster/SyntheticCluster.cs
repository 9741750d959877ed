using k8s;
using k8s.Models;

namespace KubeAdvisor.DemoCluster;

/// <summary>
/// Generates a large cluster in memory for benchmarks and paging tests: Deployments spread over namespaces,
/// each with its ReplicaSet and running pods, cycling through image forms (latest, untagged, pinned tag, digest), and the
/// objects a real cluster has beside them (ServiceAccounts, RBAC, NetworkPolicies, Ingresses, ConfigMaps,
/// PriorityClasses: <see cref="SyntheticObjects"/>). 10,000 workloads × 3 pods ≈ 30,000 pods, with about 2,050
/// ConfigMaps and 1,000 Ingresses. Deterministic for a given size.
/// </summary>
public static class SyntheticCluster
{
    /// <summary>Namespaces, Deployments, ReplicaSets, pods and the other objects, ready for <see cref="FakeObjectStore.Replace"/>.</summary>
    /// <param name="workloads">Number of Deployments.</param>
    /// <param name="podsPerWorkload">Running pods per Deployment (default 3).</param>
    /// <param name="namespaces">Namespaces to spread them over (default 50).</param>
    /// <param name="otherObjects">Also the objects beside the workloads (default); false gives the cluster of before them, for A/B benchmarks.</param>
    public static IReadOnlyList<IKubernetesObject> Generate(int workloads, int podsPerWorkload = 3, int namespaces = 50, bool otherObjects = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workloads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(namespaces);
        var result = new List<IKubernetesObject>(namespaces + (workloads * (podsPerWorkload + 2)));
        for (var n = 0; n < namespaces; n++)
        {
            result.Add(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = Namespace(n) } });
            result.AddRange(otherObjects ? SyntheticObjects.ForNamespace(Namespace(n), n) : []);
        }

        for (var i = 0; i < workloads; i++)
        {
            var deployment = Deployment(Namespace(i % namespaces), $"app-{i:D5}", ImageFor(i), podsPerWorkload);
            result.Add(deployment);
            result.AddRange(PodFactory.ReplicaSetAndPods(deployment, podsPerWorkload));
            result.AddRange(otherObjects ? SyntheticObjects.ForDeployment(Namespace(i % namespaces), $"app-{i:D5}", i) : []);
        }

        result.AddRange(otherObjects ? SyntheticObjects.ClusterWide() : []);
        return result;
    }

    /// <summary>
    /// Gives every object the metadata real clusters carry and the minimal generator leaves out: Helm-style labels,
    /// annotations (on Deployments <c>kubectl.kubernetes.io/last-applied-configuration</c> — the whole manifest
    /// again — and a revision; on pods scrape and restart annotations) and a managedFields entry. About 2.5× the
    /// JSON of the plain cluster: the agent footprint benchmark runs both. Labels are new dictionaries, so selectors
    /// are unchanged.
    /// </summary>
    public static IReadOnlyList<IKubernetesObject> WithRealWorldMetadata(IReadOnlyList<IKubernetesObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        foreach (var o in objects)
        {
            if (o is not IMetadata<V1ObjectMeta> { Metadata: { } meta } || o is V1Namespace)
            {
                continue;
            }

            var app = meta.Labels is { } l && l.TryGetValue("app", out var a) ? a : meta.Name;
            var annotations = new Dictionary<string, string>(meta.Annotations ?? new Dictionary<string, string>());
            if (o is V1Deployment deployment)
            {
                annotations["kubectl.kubernetes.io/last-applied-configuration"] = KubernetesJson.Serialize(deployment);
                annotations["deployment.kubernetes.io/revision"] = "3";
            }
            else if (o is V1Pod)
            {
                annotations["prometheus.io/scrape"] = "true";
                annotations["prometheus.io/port"] = "9090";
                annotations["kubectl.kubernetes.io/restartedAt"] = "2026-11-01T08:30:00Z";
            }

            meta.Annotations = annotations;
            meta.Labels = new Dictionary<string, string>(meta.Labels ?? new Dictionary<string, string>())
            {
                ["app.kubernetes.io/name"] = app,
                ["app.kubernetes.io/instance"] = app + "-prod",
                ["app.kubernetes.io/version"] = "1.4.2",
                ["app.kubernetes.io/managed-by"] = "Helm",
                ["helm.sh/chart"] = app + "-0.7.1",
            };
            meta.ManagedFields = [new V1ManagedFieldsEntry
            {
                Manager = "helm", Operation = "Update", ApiVersion = o.ApiVersion, FieldsType = "FieldsV1",
                Time = new DateTime(2026, 11, 1, 8, 30, 0, DateTimeKind.Utc), FieldsV1 = ManagedFieldsOf(meta.Labels.Keys),
            }];
        }

        return objects;
    }

    private static Dictionary<string, object> ManagedFieldsOf(IEnumerable<string> labels)
    {
        var empty = new Dictionary<string, object>();
        return new Dictionary<string, object>
        {
            ["f:metadata"] = new Dictionary<string, object>
            {
                ["f:labels"] = labels.ToDictionary(l => "f:" + l, _ => (object)empty),
                ["f:annotations"] = new Dictionary<string, object> { ["."] = empty, ["f:kubectl.kubernetes.io/last-applied-configuration"] = empty },
            },
            ["f:spec"] = new Dictionary<string, object>
            {
                ["f:containers"] = new Dictionary<string, object>
                {
                    ["k:{\"name\":\"app\"}"] = new Dictionary<string, object>
                    {
                        ["."] = empty, ["f:image"] = empty, ["f:imagePullPolicy"] = empty, ["f:name"] = empty,
                        ["f:readinessProbe"] = new Dictionary<string, object> { ["f:httpGet"] = new Dictionary<string, object> { ["f:path"] = empty, ["f:port"] = empty } },
                        ["f:resources"] = new Dictionary<string, object> { ["f:limits"] = new Dictionary<string, object> { ["f:memory"] = empty }, ["f:requests"] = empty },
                        ["f:terminationMessagePath"] = empty, ["f:terminationMessagePolicy"] = empty,
                    },
                },
                ["f:dnsPolicy"] = empty, ["f:restartPolicy"] = empty, ["f:schedulerName"] = empty, ["f:securityContext"] = empty,
                ["f:terminationGracePeriodSeconds"] = empty,
            },
        };
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
