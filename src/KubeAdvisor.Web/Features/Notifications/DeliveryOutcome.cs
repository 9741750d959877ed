namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>What one attempt to send gave: delivered, or failed (transient failures are retried, others are not).</summary>
/// <param name="Delivered">The channel accepted the message.</param>
/// <param name="Transient">Worth trying again: a network error, a timeout, 5xx, 408, 429, an SMTP 4xx reply.</param>
/// <param name="Code">The HTTP status or SMTP reply code, when something answered.</param>
/// <param name="Error">Why it failed, without secrets.</param>
/// <param name="RetryAfter">How long the receiver asked us to wait (Retry-After).</param>
public sealed record DeliveryOutcome(bool Delivered, bool Transient, int? Code, string? Error, TimeSpan? RetryAfter = null)
{
    /// <summary>How the log's error of a destination the guard refused starts (the page tells it apart from a failed send by it).</summary>
    public const string RefusedPrefix = "Refused by the destination guard: ";

    public static DeliveryOutcome Ok(int? code) => new(true, false, code, null);

    public static DeliveryOutcome Permanent(int? code, string error) => new(false, false, code, error);

    /// <summary>The destination guard refused the URL or the address it resolves to: final, nothing was sent.</summary>
    public static DeliveryOutcome Refused(string reason) => new(false, false, null, RefusedPrefix + reason);

    /// <summary>Whether a logged error is a refusal of the destination guard.</summary>
    public static bool IsRefusal(string? error) => error?.StartsWith(RefusedPrefix, StringComparison.Ordinal) == true;

    public static DeliveryOutcome Retry(int? code, string error, TimeSpan? retryAfter = null) => new(false, true, code, error, retryAfter);
}
