using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// At most one large scan per process holds its memory at a time (decision 0038): a scan of a cluster whose last
/// succeeded scan saw at least <see cref="MinWorkloads"/> workloads waits before it collects, and any snapshot of that
/// size (a first scan, an agent's) waits before it is evaluated and stored. Two 50,000-workload scans at once then
/// need about one scan's peak (plus, for a first scan, the waiting snapshot) instead of two.
/// Smaller clusters never wait, so they are not starved by large ones; a permit is held by one job and released when
/// it ends, and a holder waits for nothing else gated, so the gate cannot deadlock Hangfire's workers.
/// </summary>
/// <param name="minWorkloads">A snapshot or cluster with at least this many workloads is large (tests lower it).</param>
public sealed class LargeScanGate(int minWorkloads = LargeScanGate.MinWorkloads)
{
    /// <summary>By default, a snapshot or cluster with at least this many workloads is large.</summary>
    public const int MinWorkloads = 10_000;

    private readonly SemaphoreSlim _one = new(1, 1);
    private int _waiting;

    /// <summary>How many scans wait for the permit now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Whether a scan of <paramref name="workloads"/> workloads goes through the gate.</summary>
    public bool IsLarge(int workloads) => workloads >= minWorkloads;

    /// <summary>
    /// One full blocking, compacting collection, for the boundaries of a large scan's phases (decision 0043): what the
    /// phase before left behind is freed before the next one allocates on top of it.
    /// </summary>
    public static void CollectHeap() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

    /// <summary>How many workloads the cluster's last succeeded scan saw; 0 when it has none.</summary>
    public static async Task<int> KnownSizeAsync(KubeAdvisorDbContext db, Guid clusterId, CancellationToken ct) =>
        await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId)
            .SelectMany(c => db.Scans.Where(s => s.Id == c.LastSucceededScanId).Select(s => s.Workloads))
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Waits for the permit when <paramref name="workloads"/> is large; null (at once) when it is not. Dispose the
    /// result to release the permit.
    /// </summary>
    public async Task<IDisposable?> EnterAsync(int workloads, CancellationToken ct)
    {
        if (!IsLarge(workloads))
        {
            return null;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await _one.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return new Permit(_one);
    }

    private sealed class Permit(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
