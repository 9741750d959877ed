using System.Net;

namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>Matches a server host against <see cref="KubeconfigPolicy.AllowedHosts"/>.</summary>
internal static class HostAllowList
{
    /// <summary>True when the list is empty or an entry matches the host (name, wildcard, IP or CIDR).</summary>
    public static bool Permits(IReadOnlyList<string> entries, string host)
    {
        if (entries.Count == 0)
        {
            return true;
        }

        var ip = IPAddress.TryParse(host.Trim('[', ']'), out var parsed) ? parsed : null;
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (ip is not null && entry.Contains('/') && IPNetwork.TryParse(entry, out var network))
            {
                if (network.Contains(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip))
                {
                    return true;
                }
            }
            else if (ip is not null && IPAddress.TryParse(entry, out var single))
            {
                if (single.Equals(ip))
                {
                    return true;
                }
            }
            else if (ip is null && entry.StartsWith("*.", StringComparison.Ordinal))
            {
                if (host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            else if (ip is null && string.Equals(entry, host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
