namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// The non-pod objects of an inventory, found by uid or, when a manifest leaves uids out, by namespace/kind/name.
/// Adding an object twice (a list restarted after 410 Gone) replaces it.
/// </summary>
internal sealed class ObjectIndex
{
    private readonly Dictionary<string, KubeObject> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyByName = new(StringComparer.Ordinal);

    public IEnumerable<KubeObject> All => _byKey.Values;

    public void Add(KubeObject o)
    {
        var key = KeyOf(o.Namespace, o.Kind, o.Name, o.Uid);
        _byKey[key] = o;
        _keyByName[NameKey(o.Namespace, o.Kind, o.Name)] = key;
    }

    public KubeObject? Find(string ns, OwnerReference owner)
    {
        if (owner.Uid.Length > 0 && _byKey.TryGetValue(owner.Uid, out var byUid))
        {
            return byUid;
        }

        // A uid that names nothing means the owner is absent, unless the owner reference carries no uid at all.
        if (owner.Uid.Length == 0
            && _keyByName.TryGetValue(NameKey(ns, owner.Kind, owner.Name), out var key)
            && _byKey.TryGetValue(key, out var byName))
        {
            return byName;
        }

        return null;
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

    private static string NameKey(string ns, string kind, string name) => $"{ns}/{kind}/{name}";
}
