using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>
/// What earlier scans saw running, per workload container: the image string of its spec at the previous scan and
/// every digest ever seen for it. The input that lets <c>image-tag-moved</c> tell a moved tag from a new rollout.
/// </summary>
public sealed class DigestHistory
{
    private readonly Dictionary<(string Uid, ContainerType Type, string Container), ContainerDigestHistory> _entries;

    /// <summary>Creates a history from its entries (later duplicates win).</summary>
    public DigestHistory(IEnumerable<DigestHistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.TryGetNonEnumeratedCount(out var count) ? new(count) : [];
        foreach (var e in entries)
        {
            // An array, not a set: a container has seen one digest or a few, and a scan holds one history per container
            // (a hash set of one digest is ~180 bytes, its array 32; decision 0041).
            _entries[(e.WorkloadUid, e.ContainerType, e.Container)] =
                new ContainerDigestHistory(e.PreviousImage, e.KnownDigests as string[] ?? [.. e.KnownDigests]);
        }
    }

    /// <summary>No history: the first scan of a cluster.</summary>
    public static DigestHistory Empty { get; } = new([]);

    /// <summary>The history of one container, or null when no earlier scan saw it running.</summary>
    public ContainerDigestHistory? Find(string workloadUid, ContainerType type, string container) =>
        _entries.GetValueOrDefault((workloadUid, type, container));
}

/// <summary>One container's history as stored (JSON-friendly).</summary>
public sealed record DigestHistoryEntry(string WorkloadUid, ContainerType ContainerType, string Container, string PreviousImage, IReadOnlyList<string> KnownDigests);

/// <summary>One container's history: its spec image at the previous scan and every digest seen for it.</summary>
public sealed record ContainerDigestHistory(string PreviousImage, IReadOnlyList<string> KnownDigests)
{
    /// <summary>Whether <paramref name="digest"/> was seen for this container before.</summary>
    public bool Knows(string digest)
    {
        foreach (var known in KnownDigests)
        {
            if (string.Equals(known, digest, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
