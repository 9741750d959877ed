namespace KubeAdvisor.Agent;

/// <summary>What became of one push: delivered, worth retrying later (network, 5xx, 429), or refused for good.</summary>
/// <param name="Kind">The verdict.</param>
/// <param name="Message">Why, in words for the log (never contains the token).</param>
/// <param name="RetryAfter">The server's Retry-After, when it sent one.</param>
/// <param name="ScanId">The scan the server created (or had created for this snapshot id before).</param>
public sealed record PushOutcome(PushOutcomeKind Kind, string Message, TimeSpan? RetryAfter = null, Guid? ScanId = null)
{
    public static PushOutcome Retry(string message, TimeSpan? retryAfter = null) => new(PushOutcomeKind.Retry, message, retryAfter);

    public static PushOutcome Rejected(string message) => new(PushOutcomeKind.Rejected, message);
}

/// <summary>The verdict of a push.</summary>
public enum PushOutcomeKind
{
    /// <summary>The server stored the snapshot (or already had it).</summary>
    Delivered,
    /// <summary>Transient: try the same snapshot again after a delay.</summary>
    Retry,
    /// <summary>Permanent for this snapshot (bad token, too large, invalid): drop it and collect afresh next interval.</summary>
    Rejected,
}
