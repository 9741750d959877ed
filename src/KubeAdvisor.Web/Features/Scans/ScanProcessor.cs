using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// The one evaluation path for kubeconfig scans and agent snapshots: evaluate the snapshot with the cluster's
/// settings as they are now, then store everything in one transaction.
/// </summary>
public sealed class ScanProcessor(IDbContextFactory<KubeAdvisorDbContext> dbFactory, ScanStore store)
{
    /// <param name="scanId">The scan record (running) the results belong to.</param>
    /// <param name="snapshot">What was collected.</param>
    /// <param name="collectSeconds">How long collection took, when this process collected it.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task StoreAsync(Guid scanId, ClusterSnapshot snapshot, double? collectSeconds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scan = await db.Scans.SingleAsync(s => s.Id == scanId, ct);
        var cluster = await db.Clusters.SingleAsync(c => c.Id == scan.ClusterId, ct);
        var settings = PolicySettingsJson.Deserialize(cluster.PolicySettingsJson);
        var observations = await DigestWriter.LoadAsync(db, cluster.Id, ct);
        var result = PolicyEvaluator.Evaluate(snapshot, settings, DigestWriter.HistoryOf(observations));
        scan.CollectSeconds = collectSeconds;
        await store.SaveAsync(db, cluster, scan, snapshot, result, observations, ct);
    }
}
