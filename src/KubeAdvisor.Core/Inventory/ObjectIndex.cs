namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// The non-pod objects of an inventory, found by uid or, when a manifest leaves uids out, by namespace/kind/name.
/// Adding an object twice (a list restarted after 410 Gone) replaces it. The by-name index is built only when an owner
/// reference without a uid is looked up (manifests; the API server always sets uids), not for every object read: at
/// 50,000 workloads it was ~14 MB of name strings held through the whole collection (agent footprint).
/// An object whose controller is a known top-level workload can be kept as a step instead (<see cref="TryAddStep"/>):
/// its uid, as 16 bytes, and the key of that workload, which a lookup of its uid then finds.
/// </summary>
internal sealed class ObjectIndex
{
    private readonly Dictionary<string, (KubeObject Object, long Added)> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, string> _steps = [];
    private Dictionary<string, string>? _keyByName;
    private long _added;

    /// <summary>The objects kept whole (not the steps).</summary>
    public IEnumerable<KubeObject> All => _byKey.Values.Select(static v => v.Object);

    public int Count => _byKey.Count;

    public void Add(KubeObject o)
    {
        if (_steps.Count > 0 && TryUuid(o.Uid, out var uid))
        {
            _steps.Remove(uid);
        }

        _byKey[KeyOf(o)] = (o, _added++);
        _keyByName = null;
    }

    /// <summary>
    /// Keeps <paramref name="o"/> only as the way from its uid to <paramref name="owner"/>, an object of this index: at
    /// 50,000 workloads a ReplicaSet per Deployment kept whole, even without its template, was ~300 bytes each, a step is
    /// ~40 (decision 0040). Only for a uid that is a UUID, as the API server makes them, and not already kept whole (adding
    /// the same object again keeps it whole). What is lost is a lookup of <paramref name="o"/> by name, which only an owner
    /// reference without a uid asks for (manifests, whose objects carry no uids).
    /// </summary>
    public bool TryAddStep(KubeObject o, KubeObject owner)
    {
        if (!TryUuid(o.Uid, out var uid) || _byKey.ContainsKey(o.Uid))
        {
            return false;
        }

        _steps[uid] = KeyOf(owner);
        return true;
    }

    public KubeObject? ByKey(string key) => _byKey.TryGetValue(key, out var entry) ? entry.Object : null;

    public KubeObject? Find(string ns, OwnerReference owner)
    {
        if (owner.Uid.Length > 0 && _byKey.TryGetValue(owner.Uid, out var byUid))
        {
            return byUid.Object;
        }

        if (_steps.Count > 0 && TryUuid(owner.Uid, out var uid) && _steps.TryGetValue(uid, out var ownerKey))
        {
            return _byKey[ownerKey].Object;
        }

        // A uid that names nothing means the owner is absent, unless the owner reference carries no uid at all.
        if (owner.Uid.Length == 0
            && KeyByName().TryGetValue(NameKey(ns, owner.Kind, owner.Name), out var key)
            && _byKey.TryGetValue(key, out var byName))
        {
            return byName.Object;
        }

        return null;
    }

    /// <summary>
    /// <paramref name="owner"/> with the uid and name strings of the object it names when that object is known (the same
    /// text, one instance): a ReplicaSet or pod group kept until the end of a collection would otherwise hold a copy of its
    /// owner's uid and name each (50,000 of each in a large cluster; agent footprint).
    /// </summary>
    public OwnerReference Shared(string ns, OwnerReference owner)
    {
        // by uid only: a lookup by name would build the name index again after every Add (manifests carry no uids)
        if (owner.Uid.Length == 0 || !_byKey.TryGetValue(owner.Uid, out var entry) || entry.Object is not { } known || owner.Uid != known.Uid)
        {
            return owner;
        }

        return owner with { Uid = known.Uid, Name = owner.Name == known.Name ? known.Name : owner.Name };
    }

    public static string KeyOf(KubeObject o) => KeyOf(o.Namespace, o.Kind, o.Name, o.Uid);

    public static string KeyOf(string ns, string kind, string name, string uid) =>
        uid.Length > 0 ? uid : NameKey(ns, kind, name);

    public static OwnerReference? ControllerOf(KubeObject o) => ControllerOf(o.OwnerReferences);

    public static OwnerReference? ControllerOf(IReadOnlyList<OwnerReference> owners)
    {
        foreach (var r in owners)
        {
            if (r.Controller)
            {
                return r;
            }
        }

        return null;
    }

    // The key of the object added last under each namespace/kind/name, as an index kept up on every Add would say.
    private Dictionary<string, string> KeyByName()
    {
        if (_keyByName is null)
        {
            var latest = new Dictionary<string, (string Key, long Added)>(StringComparer.Ordinal);
            foreach (var (key, (o, added)) in _byKey)
            {
                var name = NameKey(o.Namespace, o.Kind, o.Name);
                if (!latest.TryGetValue(name, out var seen) || seen.Added < added)
                {
                    latest[name] = (key, added);
                }
            }

            _keyByName = latest.ToDictionary(static e => e.Key, static e => e.Value.Key, StringComparer.Ordinal);
        }

        return _keyByName;
    }

    // Only the one text of each UUID (lower-case, with hyphens, as the API server writes them), so that a step found by
    // its 16 bytes is found exactly when the uid text itself would be.
    private static bool TryUuid(string text, out Guid uid) =>
        Guid.TryParseExact(text, "D", out uid) && !text.AsSpan().ContainsAnyInRange('A', 'F');

    private static string NameKey(string ns, string kind, string name) => $"{ns}/{kind}/{name}";
}
