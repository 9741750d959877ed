using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using KubeAdvisor.Kubernetes.Collection;

namespace KubeAdvisor.Agent;

/// <summary>
/// The agent's way into the API server, as client-go's in-cluster configuration does it: the address from
/// KUBERNETES_SERVICE_HOST/PORT (or KUBEADVISOR_AGENT_KUBERNETES_URL), the CA and the ServiceAccount token from the
/// mounted files. The token is read again for every request because bound tokens are rotated by the kubelet.
/// Written by hand rather than KubernetesClient's InClusterConfig so that the ahead-of-time compiled agent loads
/// no YAML/JSON reflection code (docs/decisions/0007-agent-native-aot.md).
/// </summary>
public static class ServiceAccountConnection
{
    /// <summary>The connection for <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">No API server address, or the CA file is missing or not PEM.</exception>
    public static KubeApiConnection Create(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var server = ServerUrl(options);
        var caPath = Path.Combine(options.ServiceAccountDir, "ca.crt");
        var tokenPath = Path.Combine(options.ServiceAccountDir, "token");
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(caPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"The agent is not configured: cannot read the cluster CA at {caPath} ({e.Message}).", e);
        }

        if (roots.Count == 0)
        {
            throw new InvalidOperationException($"The agent is not configured: {caPath} holds no PEM certificate.");
        }

        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            // InitialHttp2StreamWindowSize stays at the default 64 KiB, unlike the server's scans: a 4 MiB window let
            // the next page buffer in full and cost 6–8 MB of peak RSS with real-world metadata (docs/benchmarks/history.md);
            // the agent runs every 10 minutes and needs memory more than a fraction of a second.
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, roots) },
        };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }; // the collector times each request itself
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("KubeAdvisor-Agent", AgentVersion.Current));
        return new KubeApiConnection(server, http, options.RequestTimeout, async (request, ct) =>
        {
            string token;
            try
            {
                token = (await File.ReadAllTextAsync(tokenPath, ct)).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // surfaces as a permanent configuration error, with the reason in the log and on /readyz
                throw new InvalidOperationException($"cannot read the ServiceAccount token at {tokenPath} ({e.Message}); is automountServiceAccountToken off?", e);
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        });
    }

    /// <summary>Says where the agent reads the cluster from, for the start-up log line.</summary>
    public static string Describe(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"API server {(TryServerUrl(options, out var url) ? url.ToString().TrimEnd('/') : "(unknown)")} with the ServiceAccount in {options.ServiceAccountDir}";
    }

    private static Uri ServerUrl(AgentOptions options) =>
        TryServerUrl(options, out var url)
            ? url
            : throw new InvalidOperationException(
                "The agent is not configured: KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT are not set (not running in a pod?); set KUBEADVISOR_AGENT_KUBERNETES_URL to run it outside a cluster.");

    private static bool TryServerUrl(AgentOptions options, out Uri url)
    {
        var text = options.KubernetesUrl;
        if (string.IsNullOrWhiteSpace(text))
        {
            var host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
            var port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
            if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
            {
                url = null!;
                return false;
            }

            text = $"https://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";
        }

        // relative list paths ("api/v1/pods") resolve under the base only when it ends with a slash
        return Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out url!) && url.Scheme == Uri.UriSchemeHttps;
    }

    /// <summary>
    /// Trusts the server certificate only when its name matches and its chain ends in the ServiceAccount's CA
    /// (custom root trust: the machine's own roots play no part).
    /// </summary>
    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        return chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }
}
