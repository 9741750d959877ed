using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using k8s.Autorest;

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
            HttpOperationException http => FromStatus(http, resource),
            OperationCanceledException or TimeoutException => new(TimedOut(timeout), true, exception),
            HttpRequestException { InnerException: AuthenticationException } => new(
                "TLS handshake with the API server failed: its certificate is not trusted by the configured certificate authority (the kubeconfig's certificate-authority-data, or the agent's ServiceAccount ca.crt).",
                false, exception),
            HttpRequestException h when h.Message.StartsWith("Refusing to connect", StringComparison.Ordinal) =>
                new(h.Message, false, exception),
            HttpRequestException { InnerException: SocketException s } => new(
                $"cannot reach the API server: {s.Message}", true, exception),
            HttpRequestException or IOException or SocketException => new(
                "the connection to the API server was lost" + Where(resource), true, exception),
            JsonException => Malformed(resource, exception),
            _ when exception.GetType().Name == "SerializationException" => Malformed(resource, exception),
            ArgumentException or UriFormatException or InvalidOperationException => new(
                $"invalid cluster configuration: {exception.Message}", false, exception),
            _ => Unexpected(exception),
        };
    }

    // Anything else (a database error in the store, a bug) may name tables and constraints: users get an id to quote,
    // the log gets the exception under that id.
    private static ClusterScanException Unexpected(Exception e)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new($"unexpected error (error id {id}; the server log has the details)", false, e);
    }

    private static ClusterScanException FromStatus(HttpOperationException e, string? resource)
    {
        var code = e.Response?.StatusCode ?? 0;
        var n = ((int)code).ToString(CultureInfo.InvariantCulture);
        return code switch
        {
            HttpStatusCode.Unauthorized => new("401 Unauthorized: the token was rejected", false, e),
            HttpStatusCode.Forbidden => new(resource is null ? "403 Forbidden: the credentials may not read the API" : $"cannot list {resource}: forbidden", false, e),
            HttpStatusCode.NotFound => new($"404 Not Found: the API server does not serve {resource ?? "this endpoint"}", false, e),
            HttpStatusCode.Gone => new($"the list of {resource ?? "objects"} expired (410 Gone) and restarting it did not help", true, e),
            HttpStatusCode.TooManyRequests => new("429 Too Many Requests: the API server is throttling us", true, e),
            >= HttpStatusCode.InternalServerError => new($"{n} {e.Response?.ReasonPhrase ?? code.ToString()} from the API server" + Where(resource), true, e),
            _ => new($"{n} {e.Response?.ReasonPhrase ?? code.ToString()}" + Where(resource), false, e),
        };
    }

    private static ClusterScanException Malformed(string? resource, Exception e) =>
        new("malformed response from the API server" + Where(resource), true, e);

    private static string TimedOut(TimeSpan? timeout) =>
        timeout is { } t ? $"timed out after {t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s" : "timed out";

    private static string Where(string? resource) => resource is null ? "" : $" (while listing {resource})";
}
