using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Clusters;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// Encrypts channel URLs and webhook secrets at rest with Data Protection (keys in PostgreSQL, purpose of their own).
/// The plain text exists only in memory while a message is sent; it is never returned by the API nor logged. The
/// <c>rotate-keys</c> verb re-encrypts them with the new key before the old keys are revoked.
/// </summary>
public sealed class ChannelSecrets(IDataProtectionProvider provider) : IReprotectedSecrets
{
    private readonly IDataProtector _protector = provider.CreateProtector("KubeAdvisor.Notifications.Channel.v1");

    public string Protect(string plain) => _protector.Protect(plain);

    public string Unprotect(string encrypted) => _protector.Unprotect(encrypted);

    /// <summary>The channel's URL and secret in plain text (null where it has none).</summary>
    public (string? Url, string? Secret) Read(NotificationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return (channel.EncryptedUrl is { } u ? Unprotect(u) : null, channel.EncryptedSecret is { } s ? Unprotect(s) : null);
    }

    /// <inheritdoc />
    public async Task<int> ReprotectAsync(KubeAdvisorDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var channels = await db.NotificationChannels.Where(c => c.EncryptedUrl != null || c.EncryptedSecret != null).ToListAsync(ct);
        foreach (var channel in channels)
        {
            channel.EncryptedUrl = channel.EncryptedUrl is { } u ? Protect(Unprotect(u)) : null;
            channel.EncryptedSecret = channel.EncryptedSecret is { } s ? Protect(Unprotect(s)) : null;
        }

        return channels.Count;
    }
}
