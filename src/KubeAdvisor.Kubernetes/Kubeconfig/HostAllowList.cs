using System.Net;

namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>
/// Matches a destination against <see cref="KubeconfigPolicy.AllowedHosts"/>: names against name entries (exact,
/// case-insensitive, or <c>*.suffix</c>), addresses against IP and CIDR entries. The list only ever widens what
/// <see cref="ServerAddressRules"/> permits; it never narrows it.
/// </summary>
internal static class HostAllowList
{
    /// <summary>Null when <paramref name="entry"/> is a host name, <c>*.suffix</c>, IP or CIDR; else why not.</summary>
    public static string? EntryError(string entry)
    {
        var e = entry.Trim();
        var valid = e.Contains('/')
            ? IPNetwork.TryParse(e, out _)
            : IPAddress.TryParse(e, out _)
              || Uri.CheckHostName(e.StartsWith("*.", StringComparison.Ordinal) ? e[2..] : e) == UriHostNameType.Dns;
        return valid ? null : $"\"{entry}\" is not a host name, *.suffix, IP address or CIDR.";
    }

    /// <summary>True when a name entry names <paramref name="host"/> (never true for an IP literal).</summary>
    public static bool MatchesName(IReadOnlyList<string> entries, string host)
    {
        host = host.Trim('[', ']').TrimEnd('.');
        if (IPAddress.TryParse(host, out _))
        {
            return false;
        }

        foreach (var raw in entries)
        {
            var entry = raw.Trim().TrimEnd('.');
            if (entry.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase)
                : string.Equals(entry, host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when an IP or CIDR entry contains <paramref name="address"/> (IPv4-mapped IPv6 counts as IPv4).</summary>
    public static bool MatchesAddress(IReadOnlyList<string> entries, IPAddress address)
    {
        var plain = new IPAddress(address.GetAddressBytes());
        var ipv4 = plain.IsIPv4MappedToIPv6 ? plain.MapToIPv4() : plain;
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (entry.Contains('/') && IPNetwork.TryParse(entry, out var network)
                ? network.Contains(ipv4) || network.Contains(plain)
                : IPAddress.TryParse(entry, out var single) && (single.Equals(ipv4) || single.Equals(plain)))
            {
                return true;
            }
        }

        return false;
    }
}
