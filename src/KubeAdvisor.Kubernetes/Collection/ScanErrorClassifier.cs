using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using k8s.Autorest;
using KubeAdvisor.Kubernetes.Kubeconfig;

namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>
/// Maps what KubernetesClient throws to a <see cref="ClusterScanException"/>: transient (network, 5xx, 429,
/// timeouts, malformed or truncated responses — retrying is cheap and bounded) or permanent (401, 403, 404,
/// TLS trust, refused addresses, invalid configuration), with a message a human can act on.
/// </summary>
public static class ScanErrorClassifier
{
    /// <param name="exception">What was thrown.</param>
    /// <param name="resource">The resource being listed (<c>statefulsets.apps</c>), or null for /version.</param>
    /// <param name="timeout">The configured request timeout, for the message.</param>
    public static ClusterScanException Classify(Exception exception, string? resource, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ClusterScanException scan => scan,
            // First: a refused destination reads the same however the client wrapped it (no port-scan oracle).
            _ when Refusal(exception) is { } refused => new(refused.Message, false, exception) { Reason = ScanFailureReason.DestinationRefused },
            HttpOperationException http => FromStatus(http, resource),
            OperationCanceledException or TimeoutException => new(TimedOut(timeout), true, exception) { Reason = ScanFailureReason.Timeout },
            HttpRequestException { InnerException: AuthenticationException } => new(
                "TLS handshake with the API server failed: its certificate is not trusted by the configured certificate authority (the kubeconfig's certificate-authority-data, or the agent's ServiceAccount ca.crt).",
                false, exception) { Reason = ScanFailureReason.Tls },
            HttpRequestException { InnerException: SocketException s } => new(
                $"cannot reach the API server: {s.Message}", true, exception) { Reason = ScanFailureReason.Unreachable },
            HttpRequestException or IOException or SocketException => new(
                "the connection to the API server was lost" + Where(resource), true, exception) { Reason = ScanFailureReason.Unreachable },
            JsonException => Malformed(resource, exception),
            _ when exception.GetType().Name == "SerializationException" => Malformed(resource, exception),
            ArgumentException or UriFormatException or InvalidOperationException => new(
                $"invalid cluster configuration: {exception.Message}", false, exception) { Reason = ScanFailureReason.InvalidConfig },
            _ => Unexpected(exception),
        };
    }

    // Anything else (a database error in the store, a bug) may name tables and constraints: users get an id to quote,
    // the log gets the exception under that id.
    private static ClusterScanException Unexpected(Exception e)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new($"unexpected error (error id {id}; the server log has the details)", false, e) { Reason = ScanFailureReason.Unexpected };
    }

    private static ClusterScanException FromStatus(HttpOperationException e, string? resource)
    {
        var code = e.Response?.StatusCode ?? 0;
        var n = ((int)code).ToString(CultureInfo.InvariantCulture);
        return code switch
        {
            HttpStatusCode.Unauthorized => new("401 Unauthorized: the token was rejected", false, e) { Reason = ScanFailureReason.Unauthorized },
            HttpStatusCode.Forbidden => new(resource is null ? "403 Forbidden: the credentials may not read the API" : $"cannot list {resource}: forbidden", false, e) { Reason = ScanFailureReason.Forbidden },
            HttpStatusCode.NotFound => new($"404 Not Found: the API server does not serve {resource ?? "this endpoint"}", false, e) { Reason = ScanFailureReason.NotFound },
            HttpStatusCode.Gone => new($"the list of {resource ?? "objects"} expired (410 Gone) and restarting it did not help", true, e) { Reason = ScanFailureReason.MalformedResponse },
            HttpStatusCode.TooManyRequests => new("429 Too Many Requests: the API server is throttling us", true, e) { Reason = ScanFailureReason.Throttled },
            >= HttpStatusCode.InternalServerError => new($"{n} {e.Response?.ReasonPhrase ?? code.ToString()} from the API server" + Where(resource), true, e) { Reason = ScanFailureReason.ServerError },
            _ => new($"{n} {e.Response?.ReasonPhrase ?? code.ToString()}" + Where(resource), false, e) { Reason = ScanFailureReason.HttpError },
        };
    }

    // SocketsHttpHandler wraps what the connect callback throws in an HttpRequestException naming host and port.
    private static DestinationRefusedException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DestinationRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static ClusterScanException Malformed(string? resource, Exception e) =>
        new("malformed response from the API server" + Where(resource), true, e) { Reason = ScanFailureReason.MalformedResponse };

    private static string TimedOut(TimeSpan? timeout) =>
        timeout is { } t ? $"timed out after {t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s" : "timed out";

    private static string Where(string? resource) => resource is null ? "" : $" (while listing {resource})";
}
