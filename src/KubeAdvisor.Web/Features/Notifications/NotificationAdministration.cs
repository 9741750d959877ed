using System.Security.Claims;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Kubernetes.Kubeconfig;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// Channels and routes (Admin only, checked here against the caller's current role, audited in the same transaction).
/// Webhook URLs pass the destination guard before they are stored; URLs and secrets are stored encrypted and the audit
/// log names the host only. "Send test" plans a test message through the same outbox and delivery job as events.
/// </summary>
public sealed class NotificationAdministration(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory, AccessGuard guard, AuditLog audit, ChannelSecrets secrets, NotificationOutbox outbox,
    IOptions<KubeAdvisorOptions> options, TimeProvider time)
{
    public const int MaxNameLength = 128;
    public const int MaxUrlLength = 2048;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 512;

    public async Task<NotificationCommandResult> CreateChannelAsync(ClaimsPrincipal user, ChannelRequest request, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        var errors = new List<string>();
        var type = request.Type?.Trim().ToLowerInvariant() ?? "";
        var name = request.Name?.Trim() ?? "";
        if (!ChannelTypes.All.Contains(type))
        {
            errors.Add($"type must be one of {string.Join(", ", ChannelTypes.All)}.");
        }

        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
        {
            errors.Add($"A channel needs a name of 1 to {MaxNameLength} characters.");
        }

        string? destination = null, to = null;
        if (ChannelTypes.IsWebhook(type))
        {
            var url = request.Url?.Trim();
            if (url is { Length: > MaxUrlLength })
            {
                errors.Add($"The URL is longer than {MaxUrlLength} characters.");
            }
            else if (DestinationGuard.CheckUrl(url, options.Value.ServerAllowListEntries) is { } refused)
            {
                errors.Add(refused);
            }
            else
            {
                destination = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : null;
            }

            if (type == ChannelTypes.Webhook && (request.Secret?.Length ?? 0) is < MinSecretLength or > MaxSecretLength)
            {
                errors.Add($"A webhook channel needs a secret of {MinSecretLength} to {MaxSecretLength} characters (the HMAC key receivers verify with).");
            }
            else if (type != ChannelTypes.Webhook && !string.IsNullOrEmpty(request.Secret))
            {
                errors.Add("Only webhook channels take a secret (Slack and Teams URLs are the secret).");
            }

            if (!string.IsNullOrEmpty(request.To))
            {
                errors.Add("Only e-mail channels take \"to\".");
            }
        }
        else if (type == ChannelTypes.Email)
        {
            if (string.IsNullOrWhiteSpace(options.Value.SmtpHost))
            {
                errors.Add("E-mail channels need an SMTP server: set KUBEADVISOR_SMTP_HOST (and KUBEADVISOR_SMTP_FROM).");
            }

            var (recipients, error) = EmailSender.ParseRecipients(request.To);
            if (error is not null)
            {
                errors.Add(error);
            }
            else
            {
                to = destination = string.Join(", ", recipients!.Mailboxes.Select(m => m.Address));
            }

            if (!string.IsNullOrEmpty(request.Url) || !string.IsNullOrEmpty(request.Secret))
            {
                errors.Add("E-mail channels take \"to\", not a URL or a secret.");
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (name.Length > 0 && await db.NotificationChannels.AnyAsync(c => c.Name == name, ct))
        {
            errors.Add($"A channel named '{name}' exists.");
        }

        if (errors.Count > 0)
        {
            return new NotificationCommandResult(null, errors);
        }

        var channel = new NotificationChannel
        {
            Id = Guid.NewGuid(), Name = name, Type = type, Destination = destination ?? "", EmailTo = to,
            EncryptedUrl = ChannelTypes.IsWebhook(type) ? secrets.Protect(request.Url!.Trim()) : null,
            EncryptedSecret = type == ChannelTypes.Webhook ? secrets.Protect(request.Secret!) : null,
            CreatedAt = time.GetUtcNow(), CreatedBy = actor.Name,
        };
        db.NotificationChannels.Add(channel);
        audit.Add(db, actor.Name, AuditActions.NotificationChannelCreated, name, $"{type} to {channel.Destination}");
        await db.SaveChangesAsync(ct);
        return NotificationCommandResult.Ok(channel.Id);
    }

    /// <summary>Deletes the channel with its routes and delivery log.</summary>
    public async Task<NotificationCommandResult> DeleteChannelAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.NotificationChannels.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
        {
            return NotificationCommandResult.Missing("channel");
        }

        db.NotificationChannels.Remove(channel);
        audit.Add(db, actor.Name, AuditActions.NotificationChannelDeleted, channel.Name, $"{channel.Type} to {channel.Destination}; its routes and delivery log deleted");
        await db.SaveChangesAsync(ct);
        return NotificationCommandResult.Ok(id);
    }

    /// <summary>Plans a test message to the channel (through the outbox and the delivery job, like any event); the id is the message's.</summary>
    public async Task<NotificationCommandResult> SendTestAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.NotificationChannels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
        {
            return NotificationCommandResult.Missing("channel");
        }

        var now = time.GetUtcNow();
        var message = new NotificationMessage(NotificationEvents.Test, now, "KubeAdvisor test message",
            $"{actor.Name} sent this test to the channel \"{channel.Name}\". If you read it, the channel works.");
        audit.Add(db, actor.Name, AuditActions.NotificationTestSent, channel.Name, $"{channel.Type} to {channel.Destination}");
        await db.SaveChangesAsync(ct);
        var messageId = await outbox.AddAsync(db, channel.Id, null, $"test:{Guid.NewGuid()}", message, null, ct);
        return NotificationCommandResult.Ok(messageId!.Value);
    }

    public async Task<NotificationCommandResult> CreateRouteAsync(ClaimsPrincipal user, RouteRequest request, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await RouteValidation.ErrorsAsync(db, request, ct);
        if (errors.Count > 0)
        {
            return new NotificationCommandResult(null, errors);
        }

        var route = new NotificationRoute { Id = Guid.NewGuid(), Event = "", CreatedAt = time.GetUtcNow(), CreatedBy = actor.Name };
        RouteValidation.Apply(route, request);
        db.NotificationRoutes.Add(route);
        audit.Add(db, actor.Name, AuditActions.NotificationRouteCreated, route.Id.ToString(), RouteValidation.Describe(route));
        await db.SaveChangesAsync(ct);
        return NotificationCommandResult.Ok(route.Id);
    }

    public async Task<NotificationCommandResult> UpdateRouteAsync(ClaimsPrincipal user, Guid id, RouteRequest request, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var route = await db.NotificationRoutes.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (route is null)
        {
            return NotificationCommandResult.Missing("route");
        }

        var errors = await RouteValidation.ErrorsAsync(db, request, ct);
        if (errors.Count > 0)
        {
            return new NotificationCommandResult(null, errors);
        }

        var before = RouteValidation.Describe(route);
        RouteValidation.Apply(route, request);
        audit.Add(db, actor.Name, AuditActions.NotificationRouteChanged, route.Id.ToString(), $"{before} -> {RouteValidation.Describe(route)}");
        await db.SaveChangesAsync(ct);
        return NotificationCommandResult.Ok(id);
    }

    public async Task<NotificationCommandResult> DeleteRouteAsync(ClaimsPrincipal user, Guid id, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var route = await db.NotificationRoutes.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (route is null)
        {
            return NotificationCommandResult.Missing("route");
        }

        db.NotificationRoutes.Remove(route);
        audit.Add(db, actor.Name, AuditActions.NotificationRouteDeleted, route.Id.ToString(), RouteValidation.Describe(route));
        await db.SaveChangesAsync(ct);
        return NotificationCommandResult.Ok(id);
    }
}
