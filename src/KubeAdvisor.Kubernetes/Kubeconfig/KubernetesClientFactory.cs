using k8s;

namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>
/// Builds a client from a <see cref="ValidatedKubeconfig"/> only. The configuration is assembled field by field
/// (never <c>BuildConfigFromConfigObject</c>), so no exec plugin can run and no file can be read, and every
/// connection re-checks every resolved address against the destination rules and the allow-list.
/// </summary>
public static class KubernetesClientFactory
{
    /// <summary>A client for the validated context; every request times out after <paramref name="timeout"/>.</summary>
    public static IKubernetes CreateClient(ValidatedKubeconfig config, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(config);
        var configuration = new KubernetesClientConfiguration
        {
            Host = config.Server.ToString().TrimEnd('/'),
            AccessToken = config.Token,
            ClientCertificateData = config.ClientCertificateData,
            ClientCertificateKeyData = config.ClientKeyData,
            SkipTlsVerify = config.SkipTlsVerify,
            TlsServerName = config.TlsServerName,
            Namespace = config.Namespace,
            SslCaCerts = config.CertificateAuthorityData is { } ca ? ContextResolver.LoadCa(ca) : null,
            HttpClientTimeout = timeout,
            UserAgent = "KubeAdvisor",
            FirstMessageHandlerSetup = handler =>
            {
                if (handler is SocketsHttpHandler sockets)
                {
                    sockets.UseProxy = false;
                    sockets.ConnectCallback = new GuardedConnector(config.AllowedHosts).ConnectAsync;
                    sockets.InitialHttp2StreamWindowSize = Collection.KubeApiConnection.StreamWindowBytes;
                }
            },
        };
        return new k8s.Kubernetes(configuration);
    }
}
