namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>A scan or connection test failed; <see cref="Exception.Message"/> is meant for a human.</summary>
/// <param name="message">What went wrong, e.g. "401 Unauthorized: the token was rejected".</param>
/// <param name="transient">True for failures worth retrying (network, 5xx, 429, timeouts).</param>
/// <param name="innerException">The original exception.</param>
public sealed class ClusterScanException(string message, bool transient, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>Retrying may succeed: network, 5xx, 429, timeouts, malformed or truncated responses.</summary>
    public bool IsTransient { get; } = transient;

    /// <summary>Why, as one of the <see cref="ScanFailureReason"/> words (stored with the failed scan, a metric label).</summary>
    public string Reason { get; init; } = ScanFailureReason.Unexpected;
}
