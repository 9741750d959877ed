using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>A channel as listed: never its URL or secret, only where it goes (the host, or the e-mail recipients).</summary>
public sealed record ChannelView(Guid Id, string Name, string Type, string Destination, DateTimeOffset CreatedAt, string CreatedBy, int Routes);

/// <summary>A route as listed.</summary>
public sealed record RouteView(
    Guid Id, Guid ChannelId, string ChannelName, string Event, string MinSeverity, IReadOnlyList<Guid> ClusterIds, IReadOnlyList<Guid> TeamIds,
    string? ClusterLabel, string? Namespace, IReadOnlyList<string> PolicyIds, int Limit, QuietHoursRequest? QuietHours, DateTimeOffset CreatedAt);

/// <summary>One entry of a channel's delivery log (error texts carry no secrets).</summary>
public sealed record DeliveryView(
    Guid Id, string Event, Guid? RouteId, string Status, int Attempts, int? ResponseCode, string? Error, DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset NotBefore);

/// <summary>Reads channels, routes and delivery logs for the API (and later the pages).</summary>
public sealed class NotificationQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    public const int MaxDeliveries = NotificationOutbox.KeptPerChannel;

    public async Task<IReadOnlyList<ChannelView>> ChannelsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.NotificationChannels.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new ChannelView(c.Id, c.Name, c.Type, c.Destination, c.CreatedAt, c.CreatedBy, db.NotificationRoutes.Count(r => r.ChannelId == c.Id)))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<RouteView>> RoutesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channels = await db.NotificationChannels.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var routes = await db.NotificationRoutes.AsNoTracking().OrderBy(r => r.CreatedAt).ToListAsync(ct);
        return routes.Select(r => new RouteView(r.Id, r.ChannelId, channels.GetValueOrDefault(r.ChannelId, "?"), r.Event,
            Scores.SeverityName((Severity)r.MinSeverity), r.ClusterIds, r.TeamIds, r.ClusterLabel, r.Namespace, r.PolicyIds, r.Limit,
            r.QuietStartHour is null ? null : new QuietHoursRequest(r.QuietStartHour, r.QuietEndHour), r.CreatedAt)).ToList();
    }

    /// <summary>The channel's log, newest first; null when there is no such channel.</summary>
    public async Task<IReadOnlyList<DeliveryView>?> DeliveriesAsync(Guid channelId, int limit = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.NotificationChannels.AnyAsync(c => c.Id == channelId, ct))
        {
            return null;
        }

        return await db.NotificationDeliveries.AsNoTracking().Where(d => d.ChannelId == channelId).OrderByDescending(d => d.Id)
            .Take(Math.Clamp(limit, 1, MaxDeliveries))
            .Select(d => new DeliveryView(d.MessageId, d.Event, d.RouteId, d.Status, d.Attempts, d.ResponseCode, d.Error, d.CreatedAt, d.LastAttemptAt,
                d.DeliveredAt, d.NotBefore))
            .ToListAsync(ct);
    }
}
