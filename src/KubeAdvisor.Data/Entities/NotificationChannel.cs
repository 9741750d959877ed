namespace KubeAdvisor.Data.Entities;

/// <summary>
/// Where notifications go (issue #18): a generic webhook, a Slack or Microsoft Teams webhook, or e-mail. The URL and
/// the signing secret are stored encrypted with Data Protection and never sent back; <see cref="Destination"/> is what
/// the API and the delivery log show instead (the host, or the e-mail recipients).
/// </summary>
public sealed class NotificationChannel
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary><c>webhook</c>, <c>slack</c>, <c>teams</c> or <c>email</c>.</summary>
    public required string Type { get; set; }

    /// <summary>The webhook URL, encrypted (Slack and Teams URLs are credentials); null for e-mail.</summary>
    public string? EncryptedUrl { get; set; }

    /// <summary>The generic webhook's HMAC secret, encrypted; null for the other types.</summary>
    public string? EncryptedSecret { get; set; }

    /// <summary>Shown instead of the secrets: the URL's host, or the e-mail recipients.</summary>
    public required string Destination { get; set; }

    /// <summary>E-mail recipients, comma-separated (not secret); null for webhooks.</summary>
    public string? EmailTo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
