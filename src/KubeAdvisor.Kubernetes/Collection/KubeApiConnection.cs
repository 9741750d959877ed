namespace KubeAdvisor.Kubernetes.Collection;

/// <summary>
/// What the streaming collector needs of an API server: its base address, an <see cref="HttpClient"/> that already
/// trusts it (CA, client certificate, guarded connector), a per-request timeout and a way to put credentials on a
/// request. Built from a KubernetesClient instance (<see cref="From"/>) for kubeconfig scans, or directly by the
/// agent from the pod's ServiceAccount files, so the agent needs neither KubernetesClient's configuration loading
/// nor its reflection-based serializers (it is compiled ahead of time; see docs/decisions/0007).
/// </summary>
/// <param name="BaseUri">The API server, e.g. https://10.96.0.1:443/.</param>
/// <param name="Http">The client that sends every request; owned by the caller.</param>
/// <param name="RequestTimeout">Timeout of one request, including reading its whole body.</param>
/// <param name="Authorize">Adds credentials to a request (e.g. a bearer token read fresh from its file); null = none.</param>
public sealed record KubeApiConnection(
    Uri BaseUri,
    HttpClient Http,
    TimeSpan RequestTimeout,
    Func<HttpRequestMessage, CancellationToken, Task>? Authorize)
{
    /// <summary>
    /// HTTP/2 receive window per response stream for API connections (SocketsHttpHandler.InitialHttp2StreamWindowSize).
    /// The collector asks for the next list page while it parses the current one; with the default 64 KiB window the
    /// server can write only that much of the next page before it waits for us, so it barely works ahead. 4 MiB holds
    /// a whole page of 500 pods: measured, collection went from 1.09–1.19× to 0.94–0.99× the time of a plain
    /// sequential download of the same lists (docs/benchmarks/history.md). At most the page being read and the next one are
    /// in flight, so this bounds the extra buffering at a few MiB — which the server's scans can afford and the agent, with
    /// its memory budget, does not take (it keeps the default).
    /// </summary>
    public const int StreamWindowBytes = 4 * 1024 * 1024;

    /// <summary>The connection of a KubernetesClient instance: its own HttpClient, base address, timeout and credentials.</summary>
    public static KubeApiConnection From(k8s.Kubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(client.BaseUri, client.HttpClient, client.HttpClientTimeout,
            client.Credentials is { } credentials ? credentials.ProcessHttpRequestAsync : null);
    }
}
