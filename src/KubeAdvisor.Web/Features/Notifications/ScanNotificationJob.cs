using Hangfire;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// Plans the messages of one finished scan, after its transaction committed: for each route of findings-introduced
/// (and findings-fixed) whose filters cover the cluster, one message listing the most severe of the findings the scan
/// introduced (or fixed) that pass the route's filters, and how many more; then the cluster's scan health. Running it
/// twice plans nothing twice (dedup key per route, event and scan).
/// </summary>
[AutomaticRetry(Attempts = 3)]
public sealed class ScanNotificationJob(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory, NotificationOutbox outbox, ScanHealthJob health, NotificationLinks links)
{
    private static readonly string[] FindingEvents = [NotificationEvents.FindingsIntroduced, NotificationEvents.FindingsFixed];

    public async Task RunAsync(Guid scanId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scan = await db.Scans.AsNoTracking().Where(s => s.Id == scanId).Select(s => new { s.ClusterId, s.Status, s.FinishedAt }).SingleOrDefaultAsync(ct);
        var cluster = scan is null ? null
            : await db.Clusters.AsNoTracking().Where(c => c.Id == scan.ClusterId).Select(c => new { c.Id, c.Name, c.LabelsJson }).SingleOrDefaultAsync(ct);
        if (scan is null || cluster is null)
        {
            return; // deleted with its cluster
        }

        if (scan.Status == ScanStatus.Succeeded)
        {
            var clusterRef = new NotificationMessage.ClusterRef(cluster.Id, cluster.Name, links.Cluster(cluster.Id));
            foreach (var route in await RouteFilters.RoutesForClusterAsync(db, cluster.Id, cluster.LabelsJson, FindingEvents, ct))
            {
                var introduced = route.Event == NotificationEvents.FindingsIntroduced;
                var ofScan = introduced
                    ? db.Findings.AsNoTracking().Where(f => f.ClusterId == cluster.Id && f.IntroducedByScanId == scanId)
                    : db.Findings.AsNoTracking().Where(f => f.ClusterId == cluster.Id && f.FixedByScanId == scanId);
                var list = await ListAsync(db, RouteFilters.Findings(ofScan, route), route.Limit, cluster.Id, ct);
                if (list.Total == 0)
                {
                    continue;
                }

                var verb = introduced ? "introduced" : "fixed";
                var message = new NotificationMessage(route.Event, scan.FinishedAt ?? DateTimeOffset.UtcNow,
                    $"{list.Total} finding{(list.Total == 1 ? "" : "s")} {verb} in {cluster.Name}",
                    $"The scan of {cluster.Name} {verb} {list.Total} finding{(list.Total == 1 ? "" : "s")} that this route selects"
                        + (list.More > 0 ? $"; the {list.Items.Count} most severe are listed." : "."),
                    clusterRef.Url, clusterRef, scanId, list);
                await outbox.AddAsync(db, route.ChannelId, route.Id, $"{route.Id}:{route.Event}:{scanId}", message,
                    QuietHours.Of(route.QuietStartHour, route.QuietEndHour), ct);
            }
        }

        await health.CheckClusterAsync(db, cluster.Id, ct);
    }

    /// <summary>The first <paramref name="limit"/> findings, most severe first, with their team and workload link; and the count.</summary>
    internal async Task<NotificationMessage.FindingList> ListAsync(
        KubeAdvisorDbContext db, IQueryable<FindingRecord> findings, int limit, Guid clusterId, CancellationToken ct)
    {
        var total = await findings.CountAsync(ct);
        if (total == 0)
        {
            return new NotificationMessage.FindingList(0, []);
        }

        var rows = await findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Namespace).ThenBy(f => f.WorkloadName).ThenBy(f => f.PolicyId)
            .ThenBy(f => f.Id).Take(limit)
            .Select(f => new
            {
                f.Id, f.WorkloadId, f.Namespace, f.Kind, f.WorkloadName, f.Container, f.Image, f.PolicyId, f.Severity, f.Message,
                Team = db.Teams.Where(t => t.Id == f.TeamId).Select(t => t.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        return new NotificationMessage.FindingList(total, rows.Select(f => new NotificationMessage.FindingItem(
            f.Id, f.Namespace, f.Kind, f.WorkloadName, f.Container, f.Image, f.PolicyId, Scores.SeverityName(f.Severity), f.Message, f.Team,
            links.Workload(clusterId, f.WorkloadId))).ToList());
    }
}
