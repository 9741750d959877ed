using System.Net;
using System.Net.Sockets;

namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>
/// Connects only to resolved addresses that are not link-local or metadata, so a host name that resolves
/// (or is re-pointed) to 169.254.169.254 cannot be reached through an uploaded kubeconfig.
/// </summary>
internal static class GuardedConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var host = endpoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => ServerAddressRules.BlockReason(a) is null).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                $"Refusing to connect to {host}: it resolves only to link-local or metadata addresses.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
