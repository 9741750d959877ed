using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// The generic webhook's body, schema <c>kubeadvisor.notification/v1</c> (docs/notifications.md), and its signature:
/// <c>X-KubeAdvisor-Signature: sha256=&lt;hex HMAC-SHA256 of "{timestamp}.{body}"&gt;</c> with the channel's secret,
/// where timestamp is <c>X-KubeAdvisor-Timestamp</c> (unix seconds). Signing the timestamp with the body stops a
/// captured request from being replayed later under a fresh timestamp.
/// </summary>
public sealed record WebhookPayload(
    string Schema, Guid Id, string Event, DateTimeOffset OccurredAt, string Title, string Summary, string? Url,
    NotificationMessage.ClusterRef? Cluster, Guid? ScanId, NotificationMessage.FindingList? Findings,
    NotificationMessage.HealthChange? Health, NotificationMessage.DigestReport? Digest)
{
    public const string SchemaName = "kubeadvisor.notification/v1";
    public const string SignatureHeader = "X-KubeAdvisor-Signature";
    public const string TimestampHeader = "X-KubeAdvisor-Timestamp";
    public const string DeliveryHeader = "X-KubeAdvisor-Delivery";
    public const string EventHeader = "X-KubeAdvisor-Event";

    /// <summary>The exact body bytes sent (and signed).</summary>
    public static byte[] Render(Guid messageId, NotificationMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var payload = new WebhookPayload(SchemaName, messageId, m.Event, m.OccurredAt, m.Title, m.Summary, m.Url, m.Cluster, m.ScanId,
            m.Findings, m.Health, m.Digest);
        return JsonSerializer.SerializeToUtf8Bytes(payload, NotificationOutbox.Json);
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of <c>"{timestamp}." + body</c> keyed with the UTF-8 secret.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
