using System.Globalization;
using k8s;
using k8s.Models;

namespace KubeAdvisor.DemoCluster;

/// <summary>
/// The sample cluster of <c>./run.sh --demo</c>: YAML kept in Manifests/ (embedded), a few namespaces and
/// about 20 workloads mixing good and bad images. Deployments get the ReplicaSet and running pods a
/// controller would create; the annotation <c>demo.kubeadvisor.io/drifted-pods: "N"</c> makes N of them run
/// another digest of the same tag (replica drift).
/// </summary>
public static class DemoManifests
{
    private const string Prefix = "KubeAdvisor.DemoCluster.Manifests.";

    /// <summary>Annotation: how many pods of a demo Deployment run a different digest.</summary>
    public const string DriftedPodsAnnotation = "demo.kubeadvisor.io/drifted-pods";

    /// <summary>The names of the embedded manifest files, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(DemoManifests).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>All manifests as one multi-document YAML text.</summary>
    public static string ReadAll() => string.Join("\n---\n", Names.Select(Read));

    /// <summary>One manifest file's text.</summary>
    public static string Read(string name)
    {
        using var stream = typeof(DemoManifests).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new ArgumentException($"No demo manifest named {name}.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The demo objects with simulated ReplicaSets and pods, ready for <see cref="FakeObjectStore.Replace"/>.</summary>
    public static IReadOnlyList<IKubernetesObject> LoadAll() => WithSimulatedPods(YamlObjects.Parse(ReadAll()));

    /// <summary>
    /// Adds a ReplicaSet and running pods for every Deployment that has no ReplicaSet among
    /// <paramref name="objects"/>; the Deployments get namespace and uid filled in.
    /// </summary>
    public static IReadOnlyList<IKubernetesObject> WithSimulatedPods(IEnumerable<IKubernetesObject> objects)
    {
        var list = objects.ToList();
        var owned = list.OfType<V1ReplicaSet>()
            .SelectMany(rs => rs.Metadata?.OwnerReferences ?? [])
            .Where(r => r.Kind == "Deployment")
            .Select(r => r.Name)
            .ToHashSet(StringComparer.Ordinal);
        var result = new List<IKubernetesObject>(list);
        foreach (var d in list.OfType<V1Deployment>().Where(d => !owned.Contains(d.Metadata.Name)))
        {
            d.Metadata.NamespaceProperty ??= "default";
            d.Metadata.Uid ??= FakeObjectStore.StableUid(d.Metadata.NamespaceProperty, "Deployment", d.Metadata.Name);
            var drifted = d.Metadata.Annotations?.TryGetValue(DriftedPodsAnnotation, out var n) == true
                ? int.Parse(n, CultureInfo.InvariantCulture)
                : 0;
            result.AddRange(PodFactory.ReplicaSetAndPods(d, d.Spec.Replicas ?? 1, drifted));
        }

        return result;
    }
}
