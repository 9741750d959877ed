using System.Runtime;
using Hangfire.Common;
using Hangfire.Server;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// After a scan job has finished (its snapshot, previous state and findings no longer referenced), one blocking,
/// compacting collection that gives the heap's free pages back to the operating system, so an idle process does not
/// stay at the size of the last large scan (issue #15: a 50,000-workload scan; decision 0021).
/// A scan of a small cluster grows nothing worth returning: the collection runs only when the heap is large.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReturnScanMemoryAttribute : JobFilterAttribute, IServerFilter
{
    /// <summary>A committed heap above this size after a scan is compacted and returned.</summary>
    public const long ThresholdBytes = 128L * 1024 * 1024;

    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        if (Return() && NeedsSecondLook(GC.GetGCMemoryInfo().TotalCommittedBytes))
        {
            // Something still held the scan when this ran (one logged return in twenty left 99 MiB committed, not 20, and the
            // next scan began on it; decision 0043). Most likely the frames of the thread that completed the job's task, which
            // Hangfire's filter does not wait for: not proven. A second look once they are gone; a scan that runs by then
            // has a heap worth it anyway.
            _ = Task.Delay(SecondLookDelay).ContinueWith(_ => Compact(), TaskScheduler.Default);
        }
    }

    /// <summary>How long after a return that left a large heap it looks again.</summary>
    internal static readonly TimeSpan SecondLookDelay = TimeSpan.FromSeconds(2);

    /// <summary>An idle process holds ~20 MiB of objects (decision 0038): more than this after a return was still reachable.</summary>
    internal const long SecondLookBytes = 64L * 1024 * 1024;

    private static long _allocatedAtLastReturn;

    /// <summary>
    /// Compacts and decommits when the heap held more than <see cref="ThresholdBytes"/> at the last collection or the
    /// process allocated that much since the last return; true when it did. The second test matters when two scans end
    /// one after the other: the last collection's figure alone once left a process at 340 MiB idle instead of 240
    /// (decision 0042).
    /// </summary>
    public static bool Return()
    {
        if (!IsWorthIt(GC.GetGCMemoryInfo().TotalCommittedBytes, GC.GetTotalAllocatedBytes() - Interlocked.Read(ref _allocatedAtLastReturn)))
        {
            return false;
        }

        Compact();
        return true;
    }

    private static void Compact()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Interlocked.Exchange(ref _allocatedAtLastReturn, GC.GetTotalAllocatedBytes());
    }

    /// <summary>Whether a heap still this large right after a return should be looked at again a moment later.</summary>
    internal static bool NeedsSecondLook(long committedAfterReturn) => committedAfterReturn >= SecondLookBytes;

    /// <summary>Whether a heap of <paramref name="committedBytes"/> after <paramref name="allocatedSinceLastReturn"/> bytes is worth compacting.</summary>
    internal static bool IsWorthIt(long committedBytes, long allocatedSinceLastReturn) =>
        committedBytes >= ThresholdBytes || allocatedSinceLastReturn >= ThresholdBytes;
}
