using System.Text.Json;
using Hangfire;
using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// Turns a planned message into a delivery: one row in the delivery log, unique by its dedup key (a second plan of the
/// same scan, week or health change adds nothing), then one Hangfire job that sends it, at once or when the route's
/// quiet hours end. Keeps each channel's log bounded: the newest <see cref="KeptPerChannel"/> finished deliveries of
/// at most <see cref="KeptFor"/>; pending ones are never pruned.
/// </summary>
public sealed class NotificationOutbox(IBackgroundJobClient jobs, TimeProvider time)
{
    public const int KeptPerChannel = 1000;
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    /// <summary>The serializer of stored messages (and of the webhook payload).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <returns>The delivery's message id, or null when the dedup key was taken (already planned).</returns>
    public async Task<Guid?> AddAsync(
        KubeAdvisorDbContext db, Guid channelId, Guid? routeId, string dedupKey, NotificationMessage message, QuietHours? quiet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        var sendAt = quiet?.SendAt(now) ?? now;
        var messageId = Guid.CreateVersion7();
        var ids = await db.Database.SqlQueryRaw<long>(
            """
            INSERT INTO notification_deliveries ("MessageId", "ChannelId", "RouteId", "Event", "DedupKey", "PayloadJson", "Status", "Attempts", "CreatedAt", "NotBefore")
            VALUES (@m, @c, @r, @e, @k, @p::jsonb, @s, 0, @now, @at)
            ON CONFLICT ("DedupKey") DO NOTHING
            RETURNING "Id" AS "Value"
            """,
            new NpgsqlParameter("m", messageId), new NpgsqlParameter("c", channelId),
            new NpgsqlParameter("r", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)routeId ?? DBNull.Value },
            new NpgsqlParameter("e", message.Event), new NpgsqlParameter("k", dedupKey),
            new NpgsqlParameter("p", JsonSerializer.Serialize(message, Json)), new NpgsqlParameter("s", DeliveryStatuses.Queued),
            new NpgsqlParameter("now", now), new NpgsqlParameter("at", sendAt)).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return null;
        }

        await PruneAsync(db, channelId, now, ct);
        var id = ids[0];
        if (sendAt > now)
        {
            jobs.Schedule<NotificationDeliveryJob>(j => j.RunAsync(id, CancellationToken.None), sendAt);
        }
        else
        {
            jobs.Enqueue<NotificationDeliveryJob>(j => j.RunAsync(id, CancellationToken.None));
        }

        return messageId;
    }

    private static Task<int> PruneAsync(KubeAdvisorDbContext db, Guid channelId, DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(
            """
            DELETE FROM notification_deliveries d
            WHERE d."ChannelId" = @c AND d."Status" IN ('delivered', 'failed')
              AND (d."CreatedAt" < @cutoff OR d."Id" <= (SELECT x."Id" FROM notification_deliveries x WHERE x."ChannelId" = @c
                                                         ORDER BY x."Id" DESC OFFSET @keep LIMIT 1))
            """,
            [new NpgsqlParameter("c", channelId), new NpgsqlParameter("cutoff", now - KeptFor), new NpgsqlParameter("keep", KeptPerChannel)], ct);
}
