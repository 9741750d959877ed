namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// The non-pod objects of an inventory, found by uid or, when a manifest leaves uids out, by namespace/kind/name.
/// Adding an object twice (a list restarted after 410 Gone) replaces it. The by-name index is built only when an owner
/// reference without a uid is looked up (manifests; the API server always sets uids), not for every object read: at
/// 50,000 workloads it was ~14 MB of name strings held through the whole collection (agent footprint).
/// </summary>
internal sealed class ObjectIndex
{
    private readonly Dictionary<string, (KubeObject Object, long Added)> _byKey = new(StringComparer.Ordinal);
    private Dictionary<string, string>? _keyByName;
    private long _added;

    public IEnumerable<KubeObject> All => _byKey.Values.Select(static v => v.Object);

    public void Add(KubeObject o)
    {
        _byKey[KeyOf(o.Namespace, o.Kind, o.Name, o.Uid)] = (o, _added++);
        _keyByName = null;
    }

    public KubeObject? Find(string ns, OwnerReference owner)
    {
        if (owner.Uid.Length > 0 && _byKey.TryGetValue(owner.Uid, out var byUid))
        {
            return byUid.Object;
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

    private static string NameKey(string ns, string kind, string name) => $"{ns}/{kind}/{name}";
}
