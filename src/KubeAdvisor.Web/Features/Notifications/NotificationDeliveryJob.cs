using System.Security.Cryptography;
using Hangfire;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// Sends one delivery (a Hangfire job per message, so a slow or failing channel delays nothing else) and writes the
/// outcome to the delivery log. The job first claims its row, so a job that runs twice sends once. Transient failures
/// are retried by scheduling the job again: after Retry-After when the receiver gave one (at most
/// <see cref="MaxRetryAfter"/>), else after KUBEADVISOR_NOTIFY_RETRY_SECONDS doubling per attempt, up to
/// KUBEADVISOR_NOTIFY_MAX_ATTEMPTS attempts; other failures are final at once. Hangfire's own retries are off: it
/// cannot tell the two apart.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class NotificationDeliveryJob(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory,
    ChannelSecrets secrets,
    HttpChannelSender http,
    EmailSender email,
    IBackgroundJobClient jobs,
    IOptions<KubeAdvisorOptions> options,
    TimeProvider time,
    ILogger<NotificationDeliveryJob> logger)
{
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(15);

    /// <summary>The resolution of Hangfire's schedule, added to every retry delay so the job never starts early.</summary>
    public static readonly TimeSpan ScheduleResolution = TimeSpan.FromSeconds(1);

    // A claim older than this belongs to a worker that died mid-send; the job Hangfire gave back may take it over.
    private static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(5);

    public async Task RunAsync(long deliveryId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stale = now - StaleClaim;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var claimed = await db.NotificationDeliveries
            .Where(d => d.Id == deliveryId && (d.Status == DeliveryStatuses.Queued || d.Status == DeliveryStatuses.Retrying
                || (d.Status == DeliveryStatuses.Sending && d.LastAttemptAt < stale)))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatuses.Sending).SetProperty(d => d.Attempts, d => d.Attempts + 1)
                .SetProperty(d => d.LastAttemptAt, now), ct);
        if (claimed == 0)
        {
            return; // sent, failed for good, deleted with its channel, or being sent by another job
        }

        var delivery = await db.NotificationDeliveries.AsNoTracking().SingleAsync(d => d.Id == deliveryId, ct);
        var channel = await db.NotificationChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == delivery.ChannelId, ct);
        if (channel is null)
        {
            return;
        }

        DeliveryOutcome outcome;
        try
        {
            var message = System.Text.Json.JsonSerializer.Deserialize<NotificationMessage>(delivery.PayloadJson, NotificationOutbox.Json)
                ?? throw new InvalidOperationException("The stored message is empty.");
            var (url, secret) = secrets.Read(channel);
            outcome = channel.Type == ChannelTypes.Email
                ? await email.SendAsync(channel.EmailTo ?? "", delivery.MessageId, message, ct)
                : await http.SendAsync(channel.Type, url ?? "", secret, delivery.MessageId, message, ct);
        }
        catch (CryptographicException)
        {
            outcome = DeliveryOutcome.Permanent(null, "The channel's URL or secret cannot be decrypted (Data Protection keys lost?); create the channel again.");
        }

        await RecordAsync(db, deliveryId, delivery.Attempts, outcome, ct);
        if (!outcome.Delivered)
        {
            logger.LogWarning("Notification {MessageId} ({Event}) to channel {ChannelId} ({Type}), attempt {Attempt}: {Error}",
                delivery.MessageId, delivery.Event, channel.Id, channel.Type, delivery.Attempts, outcome.Error);
        }
    }

    private async Task RecordAsync(KubeAdvisorDbContext db, long id, int attempts, DeliveryOutcome outcome, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var error = outcome.Error is { Length: > 900 } longError ? longError[..900] + "…" : outcome.Error;
        var rows = db.NotificationDeliveries.Where(d => d.Id == id);
        if (outcome.Delivered)
        {
            await rows.ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatuses.Delivered).SetProperty(d => d.ResponseCode, outcome.Code)
                .SetProperty(d => d.Error, (string?)null).SetProperty(d => d.DeliveredAt, now), ct);
            return;
        }

        var o = options.Value;
        if (outcome.Transient && attempts < o.NotifyMaxAttempts)
        {
            var delay = outcome.RetryAfter is { } asked
                ? TimeSpan.FromSeconds(Math.Clamp(asked.TotalSeconds, 1, MaxRetryAfter.TotalSeconds))
                : TimeSpan.FromSeconds(Math.Min(o.NotifyRetrySeconds * Math.Pow(2, attempts - 1), 3600));
            var text = $"{error} (attempt {attempts} of {o.NotifyMaxAttempts}; retrying in {delay.TotalSeconds:0} s)";
            await rows.ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatuses.Retrying).SetProperty(d => d.ResponseCode, outcome.Code)
                .SetProperty(d => d.Error, text).SetProperty(d => d.NotBefore, now + delay), ct);
            // Hangfire keeps a schedule in whole seconds (rounded down), so a job scheduled in 3 s may start 2.1 s later:
            // one more second makes "not before Retry-After" hold (CI saw a retry 2.5 s after a Retry-After of 3).
            jobs.Schedule<NotificationDeliveryJob>(j => j.RunAsync(id, CancellationToken.None), delay + ScheduleResolution);
            return;
        }

        var final = outcome.Transient ? $"{error} (gave up after {attempts} attempts)" : error;
        await rows.ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatuses.Failed).SetProperty(d => d.ResponseCode, outcome.Code)
            .SetProperty(d => d.Error, final), ct);
    }
}
