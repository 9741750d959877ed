using System.Net;
using System.Net.Sockets;

namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>
/// The connect step of every client built from a kubeconfig. It resolves the host itself and connects only to the
/// addresses <see cref="ServerAddressRules.Permits"/> allows under the allow-list, so a name that resolves (or is
/// re-pointed) to 127.0.0.1, 10.x or 169.254.169.254 cannot be reached. A refusal and a failed lookup of a name that
/// is not allow-listed give the same <see cref="DestinationRefusedException"/>, before any connection is tried.
/// </summary>
internal sealed class GuardedConnector(IReadOnlyList<string> allowList)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var host = endpoint.Host.Trim('[', ']');
        var nameListed = HostAllowList.MatchesName(allowList, host);
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException) when (!nameListed)
            {
                throw new DestinationRefusedException(host);
            }
        }

        var permitted = addresses.Where(a => ServerAddressRules.Permits(a, nameListed, allowList)).ToArray();
        if (permitted.Length == 0)
        {
            throw new DestinationRefusedException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
