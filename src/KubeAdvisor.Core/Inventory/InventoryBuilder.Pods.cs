using System.Runtime.InteropServices;

namespace KubeAdvisor.Core.Inventory;

/// <summary>
/// Pods, reduced to running-image counts as they arrive. A pod whose controlling owners lead to a known top-level
/// workload (the collector lists controllers before pods) is counted straight into that workload's counts; a pod that
/// comes before its owners is counted into a group per owner, resolved when the snapshot is built. Either way the
/// snapshot is the same: an owner found by uid stays the object that uid names.
/// </summary>
public sealed partial class InventoryBuilder
{
    // Pods already counted (a list restarted after 410 Gone sends them again): by uid, which the API server makes a
    // UUID, as 16 bytes rather than a key string per pod (30,000 pods: ~1 MB instead of ~5 MB); other uids by key.
    private readonly HashSet<Guid> _seenPodUids = [];
    private readonly HashSet<string> _seenPods = new(StringComparer.Ordinal);
    // By the key of the top-level workload; a group per pod owner was ~100 bytes more each and an owner reference copy,
    // 50,000 of them at the end of a large collection, the agent's peak (decision 0040).
    private readonly Dictionary<string, RunningCounts> _workloadCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodOwnerGroup> _podGroups = new(StringComparer.Ordinal);
    private readonly List<Workload> _barePods = [];

    private void AddPod(KubeObject obj)
    {
        if (Guid.TryParse(obj.Uid, out var uid) ? !_seenPodUids.Add(uid) : !_seenPods.Add(ObjectIndex.KeyOf(obj.Namespace, obj.Kind, obj.Name, obj.Uid)))
        {
            return;
        }

        var owner = ObjectIndex.ControllerOf(obj);
        if (owner is null)
        {
            var counts = new RunningCounts();
            PodOwnerGroup.Count(counts, obj);
            _barePods.Add(new Workload(obj.Kind, obj.Namespace, obj.Name, obj.Uid, obj.Labels, obj.Annotations,
                obj.Template, null, ToRunning(counts)));
            return;
        }

        if (KnownTopLevel(obj.Namespace, owner) is { } workload)
        {
            ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_workloadCounts, ObjectIndex.KeyOf(workload), out _);
            counts ??= new RunningCounts();
            PodOwnerGroup.Count(counts, obj);
            return;
        }

        var key = ObjectIndex.KeyOf(obj.Namespace, owner.Kind, owner.Name, owner.Uid);
        if (!_podGroups.TryGetValue(key, out var existing))
        {
            // Only pods of a controller we do not list (e.g. an Argo Rollout's ReplicaSet is listed, the Rollout not)
            // may need their own template; keep it only when the owner is not a collected kind.
            owner = _objects.Shared(obj.Namespace, owner); // the group outlives the pod: no second copy of the owner's uid and name
            existing = new PodOwnerGroup(owner, obj.Namespace, KeepsPodTemplate(obj.OwnerReferences) ? obj.Template : NoTemplate);
            _podGroups[ObjectIndex.KeyOf(obj.Namespace, owner.Kind, owner.Name, owner.Uid)] = existing;
        }

        existing.AddPod(obj);
    }

    /// <summary>
    /// The top-level workload that <paramref name="owner"/> leads to through objects found by uid, or null when a step
    /// is not known yet (its pods wait in a group) or the owners form a cycle. By uid only: a lookup by name would build
    /// the name index again after every object added (manifests carry no uids).
    /// </summary>
    private KubeObject? KnownTopLevel(string ns, OwnerReference owner)
    {
        var current = owner;
        for (var depth = 0; depth < 32 && current.Uid.Length > 0; depth++)
        {
            if (_objects.Find(ns, current) is not { } obj)
            {
                return null;
            }

            if (IsTopLevel(obj))
            {
                return obj;
            }

            current = ObjectIndex.ControllerOf(obj)!;
        }

        return null;
    }

    private void AddPodCounts(Dictionary<string, WorkloadEntry> entries)
    {
        foreach (var (key, counts) in _workloadCounts)
        {
            // The workload was replaced since by an object with a controller: its pods go where that object goes.
            if (!entries.TryGetValue(key, out var entry))
            {
                var o = _objects.ByKey(key)!; // objects are replaced, never removed
                entry = Resolve(entries, o.Namespace, ObjectIndex.ControllerOf(o)!, o, o.Template);
            }

            entry.AddCounts(counts);
        }

        foreach (var group in _podGroups.Values)
        {
            var entry = Resolve(entries, group.Namespace, group.Owner, null, group.FirstTemplate);
            entry.AddCounts(group.Counts);
        }
    }
}
