using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeAdvisor.DemoCluster;

/// <summary>
/// The openreports.io objects (<c>reports</c>, namespaced, and <c>clusterreports</c>) the fake server stores and serves,
/// written over HTTP as on a real API server: create (409 when it exists), replace (409 on a stale resourceVersion),
/// server-side apply (create or replace) and delete, each bumping a resourceVersion. Tests read them back and seed
/// objects of other tools (<see cref="Put"/>). <see cref="CrdsInstalled"/> false makes the group answer 404, as a
/// cluster without the CRDs does. Thread-safe; everything handed out is a copy.
/// </summary>
public sealed class FakeReportObjects
{
    /// <summary>The API group and version served.</summary>
    public const string GroupVersion = "openreports.io/v1alpha1";

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Plural, string Namespace, string Name), JsonObject> _objects = [];
    private long _version = 1000;

    /// <summary>Whether the Report and ClusterReport CRDs are installed (default true); false: every request to the group is 404.</summary>
    public bool CrdsInstalled { get; set; } = true;

    /// <summary>How many writes (create, replace, apply, delete) were accepted.</summary>
    public int Writes { get; private set; }

    /// <summary>The objects of <paramref name="plural"/> (<c>reports</c> or <c>clusterreports</c>), in namespace/name order, optionally of one namespace.</summary>
    public IReadOnlyList<JsonObject> List(string plural, string? ns = null)
    {
        lock (_gate)
        {
            return [.. _objects.Where(o => o.Key.Plural == plural && (ns is null || o.Key.Namespace == ns))
                .OrderBy(o => o.Key.Namespace, StringComparer.Ordinal).ThenBy(o => o.Key.Name, StringComparer.Ordinal)
                .Select(o => o.Value.DeepClone().AsObject())];
        }
    }

    /// <summary>One object, or null.</summary>
    public JsonObject? Get(string plural, string ns, string name)
    {
        lock (_gate)
        {
            return _objects.GetValueOrDefault((plural, ns, name))?.DeepClone().AsObject();
        }
    }

    /// <summary>Stores an object as another tool would have written it (e.g. Kyverno's Report); returns its resourceVersion.</summary>
    public string Put(string plural, JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var meta = item["metadata"]!.AsObject();
        lock (_gate)
        {
            var key = (plural, meta["namespace"]?.GetValue<string>() ?? "", meta["name"]!.GetValue<string>());
            return Store(key, item.DeepClone().AsObject(), _objects.GetValueOrDefault(key));
        }
    }

    /// <summary>POST: 201, or 409 AlreadyExists.</summary>
    internal (int Code, JsonObject? Item) Create((string Plural, string Namespace, string Name) key, JsonObject item)
    {
        lock (_gate)
        {
            if (_objects.ContainsKey(key))
            {
                return (409, null);
            }

            Store(key, item, null);
            Writes++;
            return (201, _objects[key].DeepClone().AsObject());
        }
    }

    /// <summary>PUT (<paramref name="createIfMissing"/> false: 404 when absent) or server-side apply (true); 409 when the body's resourceVersion is stale.</summary>
    internal (int Code, JsonObject? Item) Replace((string Plural, string Namespace, string Name) key, JsonObject item, bool createIfMissing)
    {
        lock (_gate)
        {
            var existing = _objects.GetValueOrDefault(key);
            if (existing is null && !createIfMissing)
            {
                return (404, null);
            }

            var sent = item["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (sent is not null && sent != existing?["metadata"]?["resourceVersion"]?.GetValue<string>())
            {
                return (409, null);
            }

            Store(key, item, existing);
            Writes++;
            return (existing is null ? 201 : 200, _objects[key].DeepClone().AsObject());
        }
    }

    /// <summary>DELETE: true when it existed.</summary>
    internal bool Delete((string Plural, string Namespace, string Name) key)
    {
        lock (_gate)
        {
            var removed = _objects.Remove(key);
            Writes += removed ? 1 : 0;
            return removed;
        }
    }

    /// <summary>The current resourceVersion of the whole set (a list's metadata.resourceVersion).</summary>
    internal string Version
    {
        get
        {
            lock (_gate)
            {
                return _version.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    // Server-set metadata: uid and creationTimestamp kept from the stored object, a new resourceVersion and generation.
    private string Store((string Plural, string Namespace, string Name) key, JsonObject item, JsonObject? existing)
    {
        var meta = item["metadata"] as JsonObject ?? [];
        item["metadata"] = meta;
        var old = existing?["metadata"];
        meta["uid"] = old?["uid"]?.GetValue<string>() ?? FakeObjectStore.StableUid(key.Namespace, key.Plural, key.Name);
        meta["creationTimestamp"] = old?["creationTimestamp"]?.GetValue<string>() ?? "2026-01-01T00:00:00Z";
        meta["generation"] = (old?["generation"]?.GetValue<long>() ?? 0) + 1;
        meta["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
        _objects[key] = item;
        return meta["resourceVersion"]!.GetValue<string>();
    }
}
