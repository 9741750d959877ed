using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;

namespace KubeAdvisor.DemoCluster;

/// <summary>
/// The objects the fake server serves, kept as pre-serialized JSON per resource so large synthetic clusters
/// page cheaply. <see cref="Replace"/> swaps the whole set atomically and bumps the resourceVersion, which
/// expires outstanding continue tokens (410 Gone), as compaction does on a real server.
/// </summary>
public sealed class FakeObjectStore
{
    private State _state = new(1, new Dictionary<string, byte[][]>());

    /// <summary>The openreports.io Reports and ClusterReports written to the server (by the agent) or seeded by a test.</summary>
    public FakeReportObjects Reports { get; } = new();

    /// <summary>The current list resourceVersion.</summary>
    public long ResourceVersion => Volatile.Read(ref _state).Version;

    /// <summary>How many objects of a resource (plural, e.g. <c>pods</c>) are served.</summary>
    public int Count(string plural) => Volatile.Read(ref _state).Items.GetValueOrDefault(plural)?.Length ?? 0;

    /// <summary>
    /// Replaces every object. Missing uids get a stable one derived from namespace/kind/name, owner references
    /// without a uid get their owner's, and namespaced objects without a namespace go to <c>default</c>.
    /// The objects' metadata is filled in place.
    /// </summary>
    public void Replace(IEnumerable<IKubernetesObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var list = objects.ToList();
        var version = Volatile.Read(ref _state).Version + 1;
        var uids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in list)
        {
            var kind = ResourceKind.For(o) ?? throw new ArgumentException($"The fake server does not serve {o.GetType().Name}.");
            var meta = Meta(o);
            if (!kind.ClusterScoped && string.IsNullOrEmpty(meta.NamespaceProperty))
            {
                meta.NamespaceProperty = "default";
            }

            meta.Uid = string.IsNullOrEmpty(meta.Uid) ? StableUid(meta.NamespaceProperty, kind.Kind, meta.Name) : meta.Uid;
            meta.ResourceVersion = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            uids[$"{meta.NamespaceProperty}/{kind.Kind}/{meta.Name}"] = meta.Uid;
        }

        var items = new Dictionary<string, List<(string Key, byte[] Json)>>(StringComparer.Ordinal);
        foreach (var o in list)
        {
            var kind = ResourceKind.For(o)!;
            var meta = Meta(o);
            foreach (var r in meta.OwnerReferences ?? [])
            {
                if (string.IsNullOrEmpty(r.Uid))
                {
                    r.Uid = uids.GetValueOrDefault($"{meta.NamespaceProperty}/{r.Kind}/{r.Name}")
                        ?? StableUid(meta.NamespaceProperty, r.Kind, r.Name);
                }
            }

            o.ApiVersion ??= kind.ApiVersion;
            o.Kind ??= kind.Kind;
            if (!items.TryGetValue(kind.Plural, out var bucket))
            {
                items[kind.Plural] = bucket = [];
            }

            bucket.Add(($"{meta.NamespaceProperty}/{meta.Name}", Encoding.UTF8.GetBytes(KubernetesJson.Serialize(o))));
        }

        // A real server lists in key order (namespace/name).
        var frozen = items.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Json).ToArray(),
            StringComparer.Ordinal);
        Volatile.Write(ref _state, new State(version, frozen));
    }

    /// <summary>Replaces every object with those of a multi-document YAML text.</summary>
    public void ReplaceFromYaml(string yaml) => Replace(YamlObjects.Parse(yaml));

    internal State Current => Volatile.Read(ref _state);

    internal static string StableUid(string? ns, string kind, string? name)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"{ns}/{kind}/{name}"));
        return new Guid(hash).ToString();
    }

    private static V1ObjectMeta Meta(IKubernetesObject o) =>
        o is IMetadata<V1ObjectMeta> m
            ? m.Metadata ??= new V1ObjectMeta()
            : throw new ArgumentException($"{o.GetType().Name} has no object metadata.");

    internal sealed record State(long Version, IReadOnlyDictionary<string, byte[][]> Items);
}
