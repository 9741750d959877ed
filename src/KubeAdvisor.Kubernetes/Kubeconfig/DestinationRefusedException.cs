namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>
/// The API server's address is not one we may connect to (private and not allow-listed, link-local, metadata), or
/// its name did not resolve. The message is the same in every case, and no connection was attempted, so the answer
/// tells a user nothing about what listens on the server's own network.
/// </summary>
public sealed class DestinationRefusedException(string host)
    : HttpRequestException(MessageFor(host))
{
    /// <summary>The setting a self-hosted install uses to allow its private clusters.</summary>
    public const string AllowListSetting = "KUBEADVISOR_SERVER_ALLOWLIST";

    /// <summary>The host that was refused.</summary>
    public string Host { get; } = host;

    /// <summary>The one message for every refused or unreachable destination that is not allowed.</summary>
    public static string MessageFor(string host) =>
        $"Cannot connect to the cluster's API server at {host}. If it is on a private network, add it to {AllowListSetting}.";
}
