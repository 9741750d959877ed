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

    public void OnPerformed(PerformedContext context) => Return();

    /// <summary>Compacts and decommits when the heap holds more than <see cref="ThresholdBytes"/>; true when it did.</summary>
    public static bool Return()
    {
        if (GC.GetGCMemoryInfo().TotalCommittedBytes < ThresholdBytes)
        {
            return false;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return true;
    }
}
