using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Web.Features.Agents;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// Scan-health messages, once per change and not once per scan: the state of each cluster (<see cref="HealthStates"/>)
/// is kept per route, and a message goes out when it changes, back to healthy included. The first state a route sees is
/// announced only when it is not healthy. Checked after every finished scan (<see cref="ScanNotificationJob"/>) and,
/// for agents that stop reporting, every five minutes.
/// </summary>
public sealed class ScanHealthJob(IDbContextFactory<KubeAdvisorDbContext> dbFactory, NotificationOutbox outbox, NotificationLinks links, TimeProvider time)
{
    public const string RecurringJobId = "notifications-scan-health";
    public const string Cron = "*/5 * * * *";

    private static readonly string[] Events = [NotificationEvents.ScanHealth];

    /// <summary>The sweep: every cluster, when any scan-health route exists.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.NotificationRoutes.AnyAsync(r => r.Event == NotificationEvents.ScanHealth, ct))
        {
            return;
        }

        // Seeded demo history is never scanned: it has no health to announce.
        foreach (var id in await db.Clusters.AsNoTracking().Where(c => c.ConnectionType != ConnectionType.DemoHistory).Select(c => c.Id).ToListAsync(ct))
        {
            await CheckClusterAsync(db, id, ct);
        }
    }

    /// <summary>Compares the cluster's state with what each of its scan-health routes saw last, and plans a message per change.</summary>
    public async Task CheckClusterAsync(KubeAdvisorDbContext db, Guid clusterId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cluster = await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId)
            .Select(c => new { c.Id, c.Name, c.LabelsJson, c.ConnectionType, Active = c.AgentTokenHash != null, c.AgentLastContactAt, c.AgentIntervalMinutes })
            .SingleOrDefaultAsync(ct);
        if (cluster is null || cluster.ConnectionType == ConnectionType.DemoHistory)
        {
            return;
        }

        var routes = await RouteFilters.RoutesForClusterAsync(db, cluster.Id, cluster.LabelsJson, Events, ct);
        if (routes.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        string? state;
        string? detail;
        Guid? scanId = null;
        if (cluster.ConnectionType == ConnectionType.Agent
            && AgentLiveness.StateOf(cluster.Active, cluster.AgentLastContactAt, cluster.AgentIntervalMinutes, now) == AgentState.Offline)
        {
            (state, detail) = (HealthStates.AgentOffline, $"The agent has not reported since {cluster.AgentLastContactAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
        }
        else
        {
            var last = await db.Scans.AsNoTracking()
                .Where(s => s.ClusterId == cluster.Id && (s.Status == ScanStatus.Succeeded || s.Status == ScanStatus.Failed))
                .OrderByDescending(s => s.FinishedAt).Select(s => new { s.Id, s.Status, s.Error, s.UnavailableKinds }).FirstOrDefaultAsync(ct);
            if (last is null)
            {
                return; // nothing finished yet: no state to announce
            }

            scanId = last.Id;
            (state, detail) = last.Status == ScanStatus.Failed ? (HealthStates.ScanFailed, last.Error)
                : last.UnavailableKinds is { } kinds
                    ? (HealthStates.ScanPartial, "The last scan is " + UnavailableKinds.Warning(UnavailableKinds.Decode(kinds)) + ".")
                    : (HealthStates.Healthy, null);
        }

        foreach (var route in routes)
        {
            var changed = await ChangeAsync(db, route.Id, cluster.Id, state, now, ct);
            if (changed is null || (changed.Length == 0 && state == HealthStates.Healthy))
            {
                continue; // unchanged, or first seen healthy
            }

            var previous = changed.Length == 0 ? null : changed;
            var link = links.Cluster(cluster.Id);
            var message = new NotificationMessage(NotificationEvents.ScanHealth, now,
                $"{cluster.Name}: {MessageText.State(state)}",
                previous is null ? $"Cluster {cluster.Name} is {MessageText.State(state)}." : $"Cluster {cluster.Name} went from {MessageText.State(previous)} to {MessageText.State(state)}.",
                link, new NotificationMessage.ClusterRef(cluster.Id, cluster.Name, link), scanId, Health: new NotificationMessage.HealthChange(state, previous, detail));
            await outbox.AddAsync(db, route.ChannelId, route.Id, $"{route.Id}:{NotificationEvents.ScanHealth}:{cluster.Id}:{now.UtcTicks}", message,
                QuietHours.Of(route.QuietStartHour, route.QuietEndHour), ct);
        }
    }

    /// <summary>
    /// Stores the state for the route and cluster when it differs (one statement, so two checks at once change it once):
    /// null when unchanged, "" when it is the first state seen, else the previous state.
    /// </summary>
    private static async Task<string?> ChangeAsync(KubeAdvisorDbContext db, Guid routeId, Guid clusterId, string state, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<string>(
            """
            WITH old AS (SELECT "State" FROM notification_health_states WHERE "RouteId" = @r AND "ClusterId" = @c),
            up AS (
                INSERT INTO notification_health_states ("RouteId", "ClusterId", "State", "ChangedAt") VALUES (@r, @c, @s, @now)
                ON CONFLICT ("RouteId", "ClusterId") DO UPDATE SET "State" = excluded."State", "ChangedAt" = excluded."ChangedAt"
                WHERE notification_health_states."State" <> excluded."State"
                RETURNING 1)
            SELECT coalesce((SELECT "State" FROM old), '') AS "Value" FROM up
            """,
            new NpgsqlParameter("r", routeId), new NpgsqlParameter("c", clusterId), new NpgsqlParameter("s", state), new NpgsqlParameter("now", now))
            .ToListAsync(ct);
        return rows.Count == 0 ? null : rows[0];
    }
}
