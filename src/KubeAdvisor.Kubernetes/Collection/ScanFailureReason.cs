namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>
/// Why a scan failed, as a short stable word: stored with a failed scan (<c>scans.FailureReason</c>) and exported as the
/// <c>reason</c> label of <c>kubeadvisor_scan_failures_total</c>, so the set must stay small and never be renamed.
/// The human-readable message stays in <see cref="Exception.Message"/>.
/// </summary>
public static class ScanFailureReason
{
    /// <summary>401: the credentials were rejected.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>403: the credentials may not read the API or a kind.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>404: the API server does not serve an endpoint.</summary>
    public const string NotFound = "not_found";

    /// <summary>429: the API server throttled us.</summary>
    public const string Throttled = "throttled";

    /// <summary>5xx from the API server.</summary>
    public const string ServerError = "server_error";

    /// <summary>Another HTTP status from the API server.</summary>
    public const string HttpError = "http_error";

    /// <summary>The scan or a request timed out.</summary>
    public const string Timeout = "timeout";

    /// <summary>The API server could not be reached or the connection was lost.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The API server's certificate is not trusted.</summary>
    public const string Tls = "tls";

    /// <summary>A response could not be read (malformed, truncated, or a 410 that restarting did not cure).</summary>
    public const string MalformedResponse = "malformed_response";

    /// <summary>The destination guard refused the address (decision 0009).</summary>
    public const string DestinationRefused = "destination_refused";

    /// <summary>The kubeconfig or cluster configuration is not (or no longer) accepted.</summary>
    public const string InvalidConfig = "invalid_config";

    /// <summary>Its worker stopped too often, or it was abandoned after its process stopped (decision 0016).</summary>
    public const string Interrupted = "interrupted";

    /// <summary>An agent's snapshot could not be evaluated.</summary>
    public const string AgentSnapshot = "agent_snapshot";

    /// <summary>Anything else (a database error, a bug): the log has the details under an error id.</summary>
    public const string Unexpected = "unexpected";

    /// <summary>A failed scan stored before reasons were recorded.</summary>
    public const string Unknown = "unknown";

    /// <summary>Every reason, for documentation and tests.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Unauthorized, Forbidden, NotFound, Throttled, ServerError, HttpError, Timeout, Unreachable, Tls, MalformedResponse,
        DestinationRefused, InvalidConfig, Interrupted, AgentSnapshot, Unexpected, Unknown,
    ];
}
