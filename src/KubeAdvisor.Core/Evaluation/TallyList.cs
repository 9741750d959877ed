using System.Collections;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>
/// The tallies of one evaluation, stored as subject (workload, then object) and policy indexes with three counts (20 bytes each, where a
/// <see cref="CheckTally"/> with its three references takes 40): a 50,000-workload cluster has over a million of them,
/// held for the whole store. Read back as <see cref="CheckTally"/> values, in the order they were added.
/// </summary>
internal sealed class TallyList(Workload[] workloads, InventoryObject[] objects, PlannedPolicy[] plan) : IReadOnlyList<CheckTally>
{
    private Packed[] _items = new Packed[Math.Max(16, workloads.Length * plan.Length)];

    public int Count { get; private set; }

    public CheckTally this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return Unpack(_items[index]);
        }
    }

    /// <summary>Adds the counts of one subject: a workload index, or the workload count plus an object index.</summary>
    public void Add(int workload, int policy, int passed, int failed, int exempt)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = new Packed(workload, policy, passed, failed, exempt);
    }

    /// <summary>Gives back the room reserved for policies that did not apply.</summary>
    public void Trim()
    {
        if (_items.Length - Count > 1024)
        {
            Array.Resize(ref _items, Count);
        }
    }

    public IEnumerator<CheckTally> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return Unpack(_items[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private CheckTally Unpack(Packed p)
    {
        var policy = plan[p.Policy];
        var (ns, uid) = p.Workload < workloads.Length
            ? (workloads[p.Workload].Namespace, workloads[p.Workload].Uid)
            : (objects[p.Workload - workloads.Length].Namespace, objects[p.Workload - workloads.Length].Key);
        return new CheckTally(ns, uid, policy.Id, policy.Severity, p.Passed, p.Failed, p.Exempt);
    }

    private readonly record struct Packed(int Workload, int Policy, int Passed, int Failed, int Exempt);
}
