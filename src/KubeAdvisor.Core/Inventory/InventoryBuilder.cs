namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// Turns the objects read from a cluster (in any order, page by page) into a <see cref="ClusterSnapshot"/>:
/// resolves controlling owners to top-level workloads and aggregates pod statuses into running digests.
/// Pods are reduced to counts as they arrive; only one pod template per controlling owner is kept.
/// </summary>
public sealed partial class InventoryBuilder
{
    private static readonly HashSet<string> AlwaysTopLevel =
        new(["Deployment", "StatefulSet", "DaemonSet", "CronJob", "ReplicationController"], StringComparer.Ordinal);

    // Kinds the collector lists with their own pod template: what they own needs no template of its own.
    private static readonly HashSet<string> CollectedControllers =
        new(["Deployment", "StatefulSet", "DaemonSet", "CronJob", "ReplicationController", "ReplicaSet", "Job"], StringComparer.Ordinal);

    private static readonly PodTemplate NoTemplate = new(
        new Dictionary<string, string>(), new Dictionary<string, string>(), new PodSpec([], [], [], false, false, false, null, null, null, []));

    private readonly HashSet<string> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _namespaceLabels = new(StringComparer.Ordinal);
    private readonly ObjectIndex _objects = new();
    private readonly List<UnavailableKind> _unavailable = [];

    /// <summary>
    /// Whether the inventory keeps the template of a pod with these owner references. It does not when the pod's
    /// controller is a kind the collector lists (that object brings its own template): of such a pod only the
    /// containers' names and spec images are read (running digests), so a reader may skip the rest of its spec.
    /// </summary>
    public static bool KeepsPodTemplate(IReadOnlyList<OwnerReference> owners) =>
        ObjectIndex.ControllerOf(owners) is not { } controller || !CollectedControllers.Contains(controller.Kind);

    /// <summary>Records a kind that could not be listed: the snapshot names it and holds none of its workloads.</summary>
    public void MarkUnavailable(UnavailableKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        _unavailable.Add(kind);
    }

    /// <summary>Records a namespace of the cluster, with its labels (for ownership rules).</summary>
    public void AddNamespace(string name, IReadOnlyDictionary<string, string>? labels = null)
    {
        _namespaces.Add(name);
        if (labels is { Count: > 0 })
        {
            _namespaceLabels[name] = labels;
        }
    }

    /// <summary>
    /// Adds a workload object or a pod. Adding the same object again (by uid, or namespace/kind/name when it
    /// has no uid) replaces a controller and is ignored for a pod.
    /// </summary>
    public void Add(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        _namespaces.Add(obj.Namespace);
        if (obj.Kind == "Pod")
        {
            AddPod(obj);
            return;
        }

        if (ObjectIndex.ControllerOf(obj) is { } controller && AlwaysTopLevel.Contains(controller.Kind) && !AlwaysTopLevel.Contains(obj.Kind))
        {
            // A ReplicaSet of a Deployment or a Job of a CronJob is attributed to its owner, which brings the template,
            // labels and annotations: only its ownership and replicas are read again, so keeping a second copy of the
            // rest per revision would only cost memory in large clusters (agent footprint). When the owner is already
            // known, the object is only a step from its uid to the owner's (decision 0040); otherwise of its owner
            // references only the controller is kept, with the owner's own strings when the owner is already known.
            if (controller.Uid.Length > 0 && _objects.Find(obj.Namespace, controller) is { } owner && AlwaysTopLevel.Contains(owner.Kind)
                && _objects.TryAddStep(obj, owner))
            {
                return;
            }

            _objects.Add(obj with
            {
                Template = NoTemplate, Labels = NoTemplate.Labels, Annotations = NoTemplate.Annotations,
                OwnerReferences = [_objects.Shared(obj.Namespace, controller)],
            });
            return;
        }

        _objects.Add(obj);
    }

    /// <summary>Resolves owners and returns the immutable snapshot. The builder can still be used afterwards.</summary>
    public ClusterSnapshot Build(string snapshotId, DateTimeOffset collectedAt, string? kubernetesVersion)
    {
        var entries = new Dictionary<string, WorkloadEntry>(_objects.Count, StringComparer.Ordinal);
        foreach (var o in _objects.All)
        {
            if (IsTopLevel(o))
            {
                Entry(entries, o);
            }
            else
            {
                Resolve(entries, o.Namespace, ObjectIndex.ControllerOf(o)!, o, o.Template);
            }
        }

        AddPodCounts(entries);

        var workloads = new List<Workload>(entries.Count + _barePods.Count);
        foreach (var e in entries.Values)
        {
            workloads.Add(e.ToWorkload(ToRunning(e.Counts)));
        }

        workloads.AddRange(_barePods);
        // Namespace, kind, name, then uid: two workloads can share a name when one was replaced between two lists
        // (an owner uid that is no longer listed), and the uid keeps the order total, so the snapshot is deterministic.
        workloads.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Namespace, b.Namespace);
            c = c != 0 ? c : string.CompareOrdinal(a.Kind, b.Kind);
            c = c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
            return c != 0 ? c : string.CompareOrdinal(a.Uid, b.Uid);
        });
        var namespaces = _namespaces.Order(StringComparer.Ordinal).ToList();
        var snapshot = WithOtherKinds(new ClusterSnapshot(snapshotId, collectedAt, kubernetesVersion, namespaces, workloads, InOrder(_pdbs))
        {
            NamespaceLabels = _namespaceLabels,
        });
        return _unavailable.Count == 0 ? snapshot : snapshot.WithUnavailable([.. _unavailable]);
    }

    private static bool IsTopLevel(KubeObject o) =>
        AlwaysTopLevel.Contains(o.Kind) || ObjectIndex.ControllerOf(o) is null;

    private static WorkloadEntry Entry(Dictionary<string, WorkloadEntry> entries, KubeObject o)
    {
        var key = ObjectIndex.KeyOf(o.Namespace, o.Kind, o.Name, o.Uid);
        if (!entries.TryGetValue(key, out var entry))
        {
            entry = WorkloadEntry.Known(o);
            entries[key] = entry;
        }

        return entry;
    }

    /// <summary>Follows controlling owners from <paramref name="owner"/> up to the top-level workload.</summary>
    private WorkloadEntry Resolve(
        Dictionary<string, WorkloadEntry> entries, string ns, OwnerReference owner, KubeObject? below, PodTemplate podTemplate)
    {
        var current = owner;
        for (var depth = 0; depth < 32; depth++)
        {
            var obj = _objects.Find(ns, current);
            if (obj is null)
            {
                return Synthetic(entries, ns, current, below, podTemplate);
            }

            if (IsTopLevel(obj))
            {
                return Entry(entries, obj);
            }

            below = obj;
            current = ObjectIndex.ControllerOf(obj)!;
        }

        // An ownership cycle: attribute to the last object reached rather than loop.
        return Entry(entries, below!);
    }

    private static WorkloadEntry Synthetic(
        Dictionary<string, WorkloadEntry> entries, string ns, OwnerReference owner, KubeObject? below, PodTemplate podTemplate)
    {
        var key = ObjectIndex.KeyOf(ns, owner.Kind, owner.Name, owner.Uid);
        if (!entries.TryGetValue(key, out var entry))
        {
            entry = WorkloadEntry.Unknown(ns, owner);
            entries[key] = entry;
        }

        entry.OfferTemplate(below, podTemplate);
        return entry;
    }

    // Ordered by type, container, revision, digest, spec image. Called once per workload: most have one entry, which
    // needs no sorting (the LINQ chain this replaced cost ~2 µs per workload even then).
    private static IReadOnlyList<RunningImage> ToRunning(RunningCounts counts)
    {
        if (counts.Count == 0)
        {
            return [];
        }

        // an array of the exact size: one per workload, so a list's own object and spare capacity add up
        var list = new RunningImage[counts.Count];
        var i = 0;
        foreach (var (k, n) in counts.All())
        {
            list[i++] = new RunningImage(k.ContainerName, k.Type, k.SpecImage, k.Revision, k.Digest, n);
        }

        if (list.Length > 1)
        {
            Array.Sort(list, static (a, b) =>
            {
                var c = a.Type.CompareTo(b.Type);
                c = c != 0 ? c : string.CompareOrdinal(a.ContainerName, b.ContainerName);
                c = c != 0 ? c : string.CompareOrdinal(a.Revision, b.Revision);
                c = c != 0 ? c : string.CompareOrdinal(a.Digest, b.Digest);
                return c != 0 ? c : string.CompareOrdinal(a.SpecImage, b.SpecImage);
            });
        }

        return list;
    }
}
