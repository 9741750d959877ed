using System.Text.Json;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Kubernetes.Collection.Streaming;

/// <summary>The metadata fields the inventory reads (as <c>MetadataMapper</c> maps them from V1ObjectMeta).</summary>
internal readonly record struct MetaJson(
    string? Name,
    string? Namespace,
    string? Uid,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyList<OwnerReference> Owners)
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>No metadata at all (missing or null).</summary>
    public static MetaJson None => new(null, null, null, Empty, Empty, []);

    /// <summary>Empty or default namespace → <c>default</c>, as <c>MetadataMapper.Namespace</c>.</summary>
    public string NamespaceOrDefault => string.IsNullOrEmpty(Namespace) ? "default" : Namespace;

    /// <summary>Reads the metadata object the reader is on (or null).</summary>
    public static MetaJson Read(ref Utf8JsonReader r, ReadCache cache)
    {
        if (!JsonRead.IsObject(ref r))
        {
            return None;
        }

        string? name = null, ns = null, uid = null;
        IReadOnlyDictionary<string, string> labels = Empty, annotations = Empty;
        IReadOnlyList<OwnerReference> owners = [];
        while (JsonRead.NextProperty(ref r))
        {
            if (r.ValueTextEquals("name"u8))
            {
                JsonRead.Next(ref r);
                name = JsonRead.String(ref r);
            }
            else if (r.ValueTextEquals("namespace"u8))
            {
                JsonRead.Next(ref r);
                ns = cache.Shared(ref r);
            }
            else if (r.ValueTextEquals("uid"u8))
            {
                JsonRead.Next(ref r);
                uid = JsonRead.String(ref r);
            }
            else if (r.ValueTextEquals("labels"u8))
            {
                JsonRead.Next(ref r);
                labels = LabelsOf(ref r, cache);
            }
            else if (r.ValueTextEquals("annotations"u8))
            {
                JsonRead.Next(ref r);
                annotations = KeptAnnotationsOf(ref r);
            }
            else if (r.ValueTextEquals("ownerReferences"u8))
            {
                JsonRead.Next(ref r);
                owners = ReadOwners(ref r, cache);
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return new MetaJson(name, ns, uid, labels, annotations, owners);
    }

    /// <summary>A label map with shared strings; null or empty gives the shared empty map (as <c>MetadataMapper.Dict</c>).</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(ref Utf8JsonReader r, ReadCache cache) =>
        cache.SharedMap(ref r) is { Count: > 0 } map ? map : Empty;
    /// <summary>
    /// The kept annotations (<see cref="KeptAnnotations"/>) of an annotations object; the others are skipped without
    /// building their strings. Null, empty or nothing kept gives the shared empty map.
    /// </summary>
    public static IReadOnlyDictionary<string, string> KeptAnnotationsOf(ref Utf8JsonReader r)
    {
        if (!JsonRead.IsObject(ref r))
        {
            return Empty;
        }

        Dictionary<string, string>? kept = null;
        while (JsonRead.NextProperty(ref r))
        {
            var key = r.ValueIsEscaped || r.HasValueSequence || r.ValueSpan.StartsWith(KeptAnnotations.PrefixUtf8) ? r.GetString()! : null;
            if (key is not null && KeptAnnotations.IsKept(key))
            {
                JsonRead.Next(ref r);
                (kept ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = JsonRead.String(ref r)!;
            }
            else
            {
                JsonRead.SkipValue(ref r);
            }
        }

        return kept ?? Empty;
    }

    private static IReadOnlyList<OwnerReference> ReadOwners(ref Utf8JsonReader r, ReadCache cache)
    {
        if (!JsonRead.IsArray(ref r))
        {
            return [];
        }

        var list = new List<OwnerReference>();
        while (JsonRead.NextElement(ref r))
        {
            if (!JsonRead.IsObject(ref r))
            {
                throw JsonRead.Unexpected(ref r, "an owner reference");
            }

            string? kind = null, name = null, uid = null;
            var controller = false;
            while (JsonRead.NextProperty(ref r))
            {
                if (r.ValueTextEquals("kind"u8))
                {
                    JsonRead.Next(ref r);
                    kind = cache.Shared(ref r);
                }
                else if (r.ValueTextEquals("name"u8))
                {
                    JsonRead.Next(ref r);
                    name = cache.Shared(ref r);
                }
                else if (r.ValueTextEquals("uid"u8))
                {
                    JsonRead.Next(ref r);
                    uid = JsonRead.String(ref r);
                }
                else if (r.ValueTextEquals("controller"u8))
                {
                    JsonRead.Next(ref r);
                    controller = JsonRead.Bool(ref r) == true;
                }
                else
                {
                    JsonRead.SkipValue(ref r);
                }
            }

            list.Add(new OwnerReference(kind ?? "", name ?? "", uid ?? "", controller));
        }

        return list.Count > 0 ? [.. list] : []; // an exact array: one per object read (a list object and spare capacity each)
    }
}
