using System.Globalization;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Exceptions;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// The weekly digest for managers (Monday 08:00 UTC, one message per weekly-digest route): over the route's clusters,
/// the pooled score and grade from the latest daily rollups against those of a week before, findings introduced and
/// fixed during the week (daily rollups), the open findings and top five risks that pass the route's finding filters,
/// and the approved exceptions that end within seven days. One message per route and ISO week, however often it runs.
/// </summary>
public sealed class WeeklyDigestJob(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory, NotificationOutbox outbox, NotificationLinks links, ExceptionQueries exceptions, TimeProvider time)
{
    public const string RecurringJobId = "notifications-weekly-digest";
    public const string Cron = "0 8 * * 1";
    public const int TopRisks = 5;

    public async Task RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var routes = await db.NotificationRoutes.AsNoTracking().Where(r => r.Event == NotificationEvents.WeeklyDigest).ToListAsync(ct);
        var now = time.GetUtcNow();
        var week = $"{ISOWeek.GetYear(now.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(now.UtcDateTime):00}";
        foreach (var route in routes)
        {
            var message = await ComposeAsync(db, route, now, ct);
            await outbox.AddAsync(db, route.ChannelId, route.Id, $"{route.Id}:{NotificationEvents.WeeklyDigest}:{week}", message,
                QuietHours.Of(route.QuietStartHour, route.QuietEndHour), ct);
        }
    }

    /// <summary>The digest of one route as of <paramref name="now"/>.</summary>
    public async Task<NotificationMessage> ComposeAsync(KubeAdvisorDbContext db, NotificationRoute route, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(route);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var weekAgo = today.AddDays(-7);
        var clusters = (await db.Clusters.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.LabelsJson }).ToListAsync(ct))
            .Where(c => RouteFilters.CoversCluster(route, c.Id, ClusterLabels.FromJson(c.LabelsJson))).ToList();
        var ids = clusters.Select(c => c.Id).ToList();

        // Cluster-level rollups of the last month: enough for "latest on or before" today and a week ago.
        var since = today.AddDays(-37);
        var rollups = await db.DailyRollups.AsNoTracking()
            .Where(r => ids.Contains(r.ClusterId) && r.Namespace == "" && r.Day > since && r.Day <= today)
            .Select(r => new { r.ClusterId, r.Day, r.PassedWeight, r.FailedWeight, r.Introduced, r.Fixed }).ToListAsync(ct);
        NotificationMessage.ScorePoint? Pooled(DateOnly onOrBefore)
        {
            var latest = rollups.Where(r => r.Day <= onOrBefore).GroupBy(r => r.ClusterId).Select(g => g.MaxBy(r => r.Day)!).ToList();
            if (latest.Count == 0)
            {
                return null;
            }

            var (passed, failed) = (latest.Sum(r => r.PassedWeight), latest.Sum(r => r.FailedWeight));
            return new NotificationMessage.ScorePoint(Math.Round(Scores.Exact(passed, failed), 1), Scores.GradeOf(passed, failed).ToString());
        }

        var week = rollups.Where(r => r.Day > weekAgo).ToList();
        var open = RouteFilters.Findings(db.Findings.AsNoTracking().Where(f => ids.Contains(f.ClusterId) && f.IsOpen), route);
        var byPolicy = await open.GroupBy(f => f.PolicyId)
            .Select(g => new { PolicyId = g.Key, Count = g.Count(), Severity = g.Max(f => f.Severity), Workloads = g.Select(f => f.WorkloadId).Distinct().Count() })
            .ToListAsync(ct);
        var risks = byPolicy.OrderByDescending(p => p.Count * (double)Math.Max(1, Scores.WeightOf(p.Severity))).ThenByDescending(p => p.Count)
            .ThenBy(p => p.PolicyId, StringComparer.Ordinal).Take(TopRisks)
            .Select(p => new NotificationMessage.Risk(p.PolicyId, Scores.SeverityName(p.Severity), p.Count, p.Workloads)).ToList();

        var report = new NotificationMessage.DigestReport(weekAgo.AddDays(1), today,
            clusters.Select(c => new NotificationMessage.ClusterRef(c.Id, c.Name, links.Cluster(c.Id))).ToList(),
            Pooled(today), Pooled(weekAgo), week.Sum(r => r.Introduced), week.Sum(r => r.Fixed), byPolicy.Sum(p => p.Count), risks,
            await ExpiringAsync(route, ids, ct));
        var change = report.Now is { } n && report.WeekAgo is { } w ? $" ({n.Score - w.Score:+0.0;-0.0;0.0} on last week)" : "";
        return new NotificationMessage(NotificationEvents.WeeklyDigest, now, $"KubeAdvisor weekly digest {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}",
            $"Score {MessageText.Score(report.Now)}{change} over {clusters.Count} cluster(s); {report.Introduced} finding(s) introduced and "
            + $"{report.Fixed} fixed this week; {report.OpenFindings} open; {report.ExpiringExceptions.Count} exception(s) expiring within 7 days.",
            links.Base, Digest: report);
    }

    private async Task<IReadOnlyList<NotificationMessage.ExpiringException>> ExpiringAsync(NotificationRoute route, List<Guid> clusters, CancellationToken ct)
    {
        var all = route.ClusterIds.Count == 0 && route.ClusterLabel is null;
        var found = all ? [.. await exceptions.ExpiringAsync(null, ct)] : new List<ExceptionView>();
        if (!all)
        {
            foreach (var id in clusters)
            {
                found.AddRange(await exceptions.ExpiringAsync(id, ct)); // the cluster's own and the all-cluster ones
            }
        }

        return found.DistinctBy(e => e.Id).OrderBy(e => e.ExpiresAt).Take(50)
            .Select(e => new NotificationMessage.ExpiringException(e.Id, e.ClusterName, e.Policies, e.ExpiresAt, e.Reason)).ToList();
    }
}
