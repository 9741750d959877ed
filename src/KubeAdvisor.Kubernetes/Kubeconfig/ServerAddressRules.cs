using System.Net;
using System.Net.Sockets;

namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>
/// Which addresses the server may connect to on a user's behalf. Public addresses are fine; private ones
/// (<see cref="AddressClass.Private"/>) need an allow-list entry; link-local and cloud metadata
/// (<see cref="AddressClass.Forbidden"/>) are never reached. IPv6 forms that carry an IPv4 address are judged by it.
/// </summary>
internal static class ServerAddressRules
{
    private static readonly HashSet<string> MetadataHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal",
        "metadata.azure.com", "metadata.tencentyun.com",
    };

    // AWS IPv6 IMDS, GCP IPv6 metadata, Alibaba (in CGNAT space), Azure's wire server (a public address).
    private static readonly IPAddress[] MetadataAddresses =
        [IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("fd20:ce::254"), IPAddress.Parse("100.100.100.200"), IPAddress.Parse("168.63.129.16")];

    private static readonly IPNetwork Ipv4Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private static readonly (IPNetwork Network, string Name)[] PrivateRanges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified (\"this network\") address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address (RFC 1918)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address (RFC 1918)"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address (100.64.0.0/10)"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol address (192.0.0.0/24)"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address (198.18.0.0/15)"),
        (IPNetwork.Parse("224.0.0.0/3"), "a multicast or reserved address"),
        (IPNetwork.Parse("::/128"), "the unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (Ipv4Compatible, "an IPv4-compatible IPv6 address"),
        (Nat64, "a NAT64 address (64:ff9b::/96)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a local NAT64 address (64:ff9b:1::/48)"),
        (IPNetwork.Parse("fc00::/7"), "a unique local address (fc00::/7)"),
        (IPNetwork.Parse("fec0::/10"), "a site-local address (fec0::/10)"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    private static readonly IPNetwork Ipv4LinkLocal = IPNetwork.Parse("169.254.0.0/16");
    private static readonly IPNetwork Ipv6LinkLocal = IPNetwork.Parse("fe80::/10");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>A well-known cloud metadata host name (never connected to).</summary>
    public static bool IsMetadataHost(string host) => MetadataHosts.Contains(host.TrimEnd('.'));

    /// <summary>
    /// Whether we may connect to <paramref name="address"/>: public, or private and allowed by the name it was resolved
    /// from (<paramref name="nameListed"/>) or by an IP/CIDR entry. Forbidden addresses never are.
    /// </summary>
    public static bool Permits(IPAddress address, bool nameListed, IReadOnlyList<string> allowList) => Classify(address).Class switch
    {
        AddressClass.Public => true,
        AddressClass.Private => nameListed || HostAllowList.MatchesAddress(allowList, address),
        _ => false,
    };

    /// <summary>How <paramref name="address"/> is treated, and why (null reason for public addresses).</summary>
    public static (AddressClass Class, string? Reason) Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        address = new IPAddress(address.GetAddressBytes()); // drops an IPv6 scope id, which IPNetwork.Contains ignores anyway
        if (MetadataAddresses.Contains(address))
        {
            return (AddressClass.Forbidden, "a cloud metadata address");
        }

        if (Ipv4LinkLocal.Contains(address) || Ipv6LinkLocal.Contains(address))
        {
            return (AddressClass.Forbidden, "a link-local address (where cloud metadata lives)");
        }

        if (EmbeddedIpv4(address) is { } inner && Classify(inner) is { Class: not AddressClass.Public } embedded)
        {
            return embedded; // ::10.0.0.1, 64:ff9b::a9fe:a9fe, 2002:a9fe:a9fe:: are what they carry (or worse)
        }

        foreach (var (network, name) in PrivateRanges)
        {
            if (network.Contains(address))
            {
                return (AddressClass.Private, name);
            }
        }

        return (AddressClass.Public, null);
    }

    /// <summary>The IPv4 address an IPv4-compatible (::/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address carries.</summary>
    private static IPAddress? EmbeddedIpv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback))
        {
            return null;
        }

        var b = address.GetAddressBytes();
        if (Ipv4Compatible.Contains(address) || Nat64.Contains(address))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        return SixToFour.Contains(address) ? new IPAddress(b.AsSpan(2, 4)) : null;
    }
}
