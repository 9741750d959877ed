using System.Diagnostics;
using KubeAdvisor.Core.Evaluation;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Notifications;
using KubeAdvisor.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// Writes one scan's results in a single transaction: workloads seen, the findings lifecycle (open, resolved,
/// reopened), per-namespace × policy summaries, score samples, today's rollups and the scan record. If anything
/// fails, nothing that was visible before changes. Once it is committed, notifications are queued (never before: a
/// rolled-back scan announces nothing).
/// </summary>
public sealed class ScanStore(TimeProvider time, NotificationTrigger? notifications = null)
{
    public async Task SaveAsync(KubeAdvisorDbContext db, Cluster cluster, Scan scan, ClusterSnapshot snapshot, EvaluationResult result,
        ScanBaseline baseline, CancellationToken ct, ExceptionSet? exceptions = null)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var previous = await LastSucceededScan.OfAsync(db, cluster, ct);

        var unjudged = UnjudgedFindings.Of(snapshot, result);
        var owners = await Owners.ResolverAsync(db, cluster.Id, ct);
        var workloadIds = await WorkloadWriter.SyncAsync(db, cluster.Id, snapshot, baseline.Workloads, previous, now, ct, unjudged,
            w => Owners.TeamOf(owners, Owners.Of(w, snapshot)), o => Owners.TeamOf(owners, Owners.Of(o, snapshot)));
        await Owners.SyncNamespacesAsync(db, cluster.Id, snapshot, ct);
        // Every observation of the cluster comes back; only the pins are kept of them (no local holds them through the rest).
        var pins = PinSuggestions.From(await DigestWriter.SyncAsync(db, cluster.Id, scan.Id, snapshot, baseline.Observations, previous, now, ct),
            result.Findings);
        var (introduced, fixedCount) = await FindingWriter.SyncAsync(db, cluster.Id, scan.Id, workloadIds, result.Findings, baseline, pins, previous, now, ct,
            unjudged, exceptions);
        var clusterCard = await SummaryWriter.AddAsync(db, cluster.Id, scan.Id, result, now, ct);
        await RollupWriter.AddAsync(db, cluster.Id, result, clusterCard, introduced, fixedCount, now, ct);
        if (exceptions is not null)
        {
            await ExceptionRules.RecordHitsAsync(db, exceptions, result.ExceptionHits, now, ct);
        }

        scan.Status = ScanStatus.Succeeded;
        scan.FinishedAt = time.GetUtcNow();
        scan.Error = null;
        // An opt-in kind (ConfigMaps) that no enabled policy needed is "not granted", not a partial scan (decision 0037).
        var needed = result.NotEvaluated.SelectMany(id => Core.Policies.PolicyCatalog.Find(id)?.Descriptor.RequiredKinds ?? []);
        scan.UnavailableKinds = Kubernetes.Collection.UnavailableKinds.Encode(Kubernetes.Collection.UnavailableKinds.Reported(snapshot.Unavailable, needed));
        scan.Workloads = snapshot.Workloads.Count;
        scan.Containers = snapshot.Workloads.Sum(w => w.Template.Spec.InitContainers.Count + w.Template.Spec.Containers.Count + w.Template.Spec.EphemeralContainers.Count);
        scan.Passed = (int)clusterCard.Passed;
        scan.Failed = (int)clusterCard.Failed;
        scan.Exempt = (int)clusterCard.Exempt;
        scan.Checks = scan.Passed + scan.Failed + scan.Exempt;
        scan.Score = Math.Round(clusterCard.Score, 2);
        scan.Introduced = introduced;
        scan.Fixed = fixedCount;
        cluster.LastScanAt = scan.FinishedAt;
        cluster.LastSucceededScanId = scan.Id;
        cluster.KubernetesVersion = snapshot.KubernetesVersion ?? cluster.KubernetesVersion;

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await Owners.SyncFindingsAsync(db, cluster.Id, ct); // after the rows above are written: findings take their workload's team
        await tx.CommitAsync(ct);

        // Measured after the commit, so it is the whole write; recorded outside the transaction (a statistic only).
        var storeSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await db.Scans.Where(s => s.Id == scan.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.StoreSeconds, storeSeconds), ct);
        if (notifications is not null)
        {
            await notifications.ScanFinishedAsync(scan.Id, ct);
        }
    }
}
