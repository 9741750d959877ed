using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Tests.Policies;

/// <summary>Builds small inventories in C# for policy and evaluator tests.</summary>
internal static class TestSnapshots
{
    private static readonly Dictionary<string, string> None = [];

    public static Container Container(string name, string image, ContainerType type = ContainerType.Regular, string? pullPolicy = null) =>
        new(name, type, image, pullPolicy, null, ResourceRequirements.None, false, false, [], []);

    public static Workload Workload(
        string name,
        IReadOnlyList<Container> containers,
        string ns = "apps",
        string kind = "Deployment",
        IReadOnlyDictionary<string, string>? annotations = null,
        IReadOnlyDictionary<string, string>? templateAnnotations = null,
        IReadOnlyList<Container>? initContainers = null,
        IReadOnlyList<Container>? ephemeralContainers = null)
    {
        var spec = new PodSpec(initContainers ?? [], containers, ephemeralContainers ?? [], false, false, false, null, null, null, []);
        return new Workload(kind, ns, name, $"uid-{ns}-{name}", None, annotations ?? None,
            new PodTemplate(None, templateAnnotations ?? None, spec), 1, []);
    }

    public static Workload Workload(string name, params string[] images) =>
        Workload(name, images.Select((image, i) => Container($"c{i}", image)).ToArray());

    public static ClusterSnapshot Snapshot(params Workload[] workloads) =>
        new("test", DateTimeOffset.UnixEpoch, "v1.32.0", workloads.Select(w => w.Namespace).Distinct().ToArray(), workloads, []);
}
