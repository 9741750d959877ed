using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Features.Exceptions;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// The one evaluation path for kubeconfig scans and agent snapshots: evaluate the snapshot with the cluster's
/// settings as they are now, then store everything in one transaction. A snapshot that names unavailable kinds makes a
/// partial scan: succeeded, with the kinds on the scan row (decision 0018). The cluster's approved exceptions apply as
/// they are at that moment (decision 0023). A large snapshot waits for the process's <see cref="LargeScanGate"/> first,
/// unless its caller holds it already (decision 0038).
/// </summary>
public sealed class ScanProcessor(IDbContextFactory<KubeAdvisorDbContext> dbFactory, ScanStore store, TimeProvider time, LargeScanGate? gate = null)
{
    /// <summary>
    /// Reads the cluster's <see cref="ScanBaseline"/> on its own connection, so a caller that holds the cluster's scan
    /// lock can run it while it collects (or after, with what it collected: <see cref="ScanBaseline.LoadAsync"/>), and hand
    /// the result to <see cref="StoreAsync(Guid, ClusterSnapshot, double?, ScanBaseline?, CancellationToken, bool)"/>.
    /// </summary>
    public async Task<ScanBaseline> PrefetchAsync(Guid clusterId, CancellationToken ct, ClusterSnapshot? collected = null)
    {
        if (collected is not null)
        {
            CollectBetweenPhases(collected);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ScanBaseline.LoadAsync(db, clusterId, ct, collected);
    }

    /// <inheritdoc cref="StoreAsync(Guid, ClusterSnapshot, double?, ScanBaseline?, CancellationToken, bool)"/>
    public Task StoreAsync(Guid scanId, ClusterSnapshot snapshot, double? collectSeconds, CancellationToken ct) =>
        StoreAsync(scanId, snapshot, collectSeconds, null, ct);

    /// <param name="scanId">The scan record (running) the results belong to.</param>
    /// <param name="snapshot">What was collected.</param>
    /// <param name="collectSeconds">How long collection took, when this process collected it.</param>
    /// <param name="baseline">Read beforehand by <see cref="PrefetchAsync"/> under the cluster's scan lock; null reads it here.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="gateHeld">The caller holds the <see cref="LargeScanGate"/>'s permit already (it entered before collecting).</param>
    public async Task StoreAsync(Guid scanId, ClusterSnapshot snapshot, double? collectSeconds, ScanBaseline? baseline, CancellationToken ct,
        bool gateHeld = false)
    {
        using var permit = gateHeld || gate is null ? null : await gate.EnterAsync(snapshot.Workloads.Count, ct);
        if (permit is not null)
        {
            CollectBetweenPhases(snapshot); // found large only now: a first scan, an agent's snapshot
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Scans go with their cluster (cascade): a missing scan or cluster means it was deleted while we collected.
        var scan = await db.Scans.SingleOrDefaultAsync(s => s.Id == scanId, ct) ?? throw Deleted();
        var cluster = await db.Clusters.SingleOrDefaultAsync(c => c.Id == scan.ClusterId, ct) ?? throw Deleted();
        if (baseline is not null && baseline.ClusterId != cluster.Id)
        {
            throw new ArgumentException($"The baseline is of cluster {baseline.ClusterId}, the scan of {cluster.Id}.", nameof(baseline));
        }

        baseline ??= await ScanBaseline.LoadAsync(db, cluster.Id, ct, snapshot);
        // What an agent reports is checked like any input; the same call strips workloads of unlisted kinds (decision 0018).
        snapshot = snapshot.WithUnavailable(UnavailableKinds.Checked(snapshot.Unavailable));
        var settings = PolicySettingsJson.Deserialize(cluster.PolicySettingsJson);
        var exceptions = await ExceptionRules.LoadAsync(db, cluster.Id, time.GetUtcNow(), ct);
        var result = PolicyEvaluator.Evaluate(snapshot, settings, DigestWriter.HistoryOf(baseline.Observations), exceptions);
        // The digest history and the evaluation's working sets are garbage now, old enough to outlive the young generations.
        CollectBetweenPhases(snapshot);
        scan.CollectSeconds = collectSeconds;
        await store.SaveAsync(db, cluster, scan, snapshot, result, baseline, ct, exceptions);
    }

    /// <summary>
    /// Between the phases of a large scan, one full blocking collection (decision 0043): once the snapshot is made (what made
    /// it dropped), before its previous state is read, and once it is evaluated, before it is stored. Each phase leaves
    /// objects that outlived the young generations behind as garbage (the builder and parsed pages, ~70 MiB at 50,000
    /// workloads; the digest history and the evaluation's working sets), which only a full collection frees; whether the
    /// runtime happened to run one before the next phase grew the heap decided the peak (427 against 345 MiB in two runs of
    /// the same scan). Not timed alone: the 50,000-workload scans took as long as before within the spread (the memory
    /// return after a scan, with ~20 MiB live, takes 35-47 ms). Small snapshots skip them.
    /// </summary>
    private void CollectBetweenPhases(ClusterSnapshot snapshot)
    {
        if (gate?.IsLarge(snapshot.Workloads.Count) == true)
        {
            LargeScanGate.CollectHeap();
        }
    }

    private static ClusterScanException Deleted() => new("The cluster was deleted.", transient: false);
}
