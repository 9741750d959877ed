using System.Net;

namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>
/// The destination rules of kubeconfig servers (<see cref="ServerAddressRules"/>, <see cref="HostAllowList"/>,
/// <see cref="GuardedConnector"/>) for other URLs the server calls on a user's behalf, such as notification webhooks:
/// checked when the URL is given (<see cref="CheckUrl"/>) and again at every connection (<see cref="ConnectCallback"/>),
/// because what a name resolves to can change after it was accepted.
/// </summary>
public static class DestinationGuard
{
    /// <summary>
    /// Null when <paramref name="url"/> may be stored: an absolute http(s) URL without user information, https unless
    /// its host is allow-listed (by name, IP or CIDR), not a metadata host name, and, when the host is an IP literal,
    /// not a forbidden address nor a private one that is not allow-listed. Otherwise a sentence that names the host only
    /// (webhook URLs carry secrets in their path, so the URL itself is never repeated).
    /// </summary>
    public static string? CheckUrl(string? url, IReadOnlyList<string> allowList)
    {
        ArgumentNullException.ThrowIfNull(allowList);
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.IdnHost.Length == 0)
        {
            return "The URL must be an absolute https:// URL.";
        }

        var host = uri.IdnHost.Trim('[', ']');
        if (uri.UserInfo.Length > 0)
        {
            return $"The URL for {host} must not carry a user name or password before the host.";
        }

        var literal = IPAddress.TryParse(host, out var ip) ? ip : null;
        var listed = literal is null ? HostAllowList.MatchesName(allowList, host) : HostAllowList.MatchesAddress(allowList, literal);
        if (literal is not null)
        {
            var (kind, reason) = ServerAddressRules.Classify(literal);
            if (kind == AddressClass.Forbidden)
            {
                return $"The destination {host} is {reason}; it is refused.";
            }

            if (kind == AddressClass.Private && !listed)
            {
                return $"The destination {host} is {reason}; it is refused unless {DestinationRefusedException.AllowListSetting} allows it.";
            }
        }
        else if (ServerAddressRules.IsMetadataHost(host))
        {
            return $"The destination {host} is a cloud metadata endpoint; it is refused.";
        }

        return uri.Scheme != Uri.UriSchemeHttps && !listed
            ? $"The URL for {host} must use https:// (plain http is accepted only for hosts that {DestinationRefusedException.AllowListSetting} lists)."
            : null;
    }

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host itself and connects only to permitted
    /// addresses; anything else fails with <see cref="DestinationRefusedException"/> before a connection is tried.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(IReadOnlyList<string> allowList)
    {
        ArgumentNullException.ThrowIfNull(allowList);
        return new GuardedConnector(allowList).ConnectAsync;
    }
}
