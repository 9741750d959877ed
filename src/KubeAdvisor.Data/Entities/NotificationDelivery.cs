namespace KubeAdvisor.Data.Entities;

/// <summary>
/// One message to one channel and what became of it: the delivery log (kept bounded per channel). The rendered
/// message is stored with it, so a retry sends the same content. <see cref="DedupKey"/> is unique: the same scan (or
/// week, or health change) never makes a route send twice.
/// </summary>
public sealed class NotificationDelivery
{
    public long Id { get; set; }

    /// <summary>The message's id as receivers see it (X-KubeAdvisor-Delivery, the payload's id); the same on every attempt.</summary>
    public Guid MessageId { get; set; }

    public Guid ChannelId { get; set; }

    /// <summary>The route that produced it; null for a test message (or once the route is deleted).</summary>
    public Guid? RouteId { get; set; }

    /// <summary>The event name, or <c>test</c>.</summary>
    public required string Event { get; set; }

    /// <summary>e.g. <c>{route}:findings-introduced:{scan}</c>; unique.</summary>
    public required string DedupKey { get; set; }

    /// <summary>The message (NotificationMessage in the web project) as JSON.</summary>
    public required string PayloadJson { get; set; }

    /// <summary><c>queued</c>, <c>sending</c>, <c>retrying</c>, <c>delivered</c> or <c>failed</c>.</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>The last answer's HTTP status (or SMTP reply code); null when nothing answered.</summary>
    public int? ResponseCode { get; set; }

    /// <summary>Why the last attempt failed, without secrets (no URL, no body of ours).</summary>
    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Not sent before this (quiet hours, retry delays).</summary>
    public DateTimeOffset NotBefore { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
