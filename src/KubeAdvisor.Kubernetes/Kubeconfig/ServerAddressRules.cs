using System.Net;
using System.Net.Sockets;

namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>Addresses an uploaded kubeconfig may never make us connect to: link-local and cloud metadata.</summary>
internal static class ServerAddressRules
{
    private static readonly HashSet<string> MetadataHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal",
        "metadata.azure.com", "metadata.tencentyun.com",
    };

    private static readonly IPAddress AwsIpv6Metadata = IPAddress.Parse("fd00:ec2::254");
    private static readonly IPAddress AlibabaMetadata = IPAddress.Parse("100.100.100.200");

    public static bool IsMetadataHost(string host) => MetadataHosts.Contains(host.TrimEnd('.'));

    /// <summary>Why the address is refused, or null when it is fine.</summary>
    public static string? BlockReason(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return "an unspecified address";
        }

        if (address.Equals(AwsIpv6Metadata) || address.Equals(AlibabaMetadata))
        {
            return "a cloud metadata address";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 169 && b[1] == 254 ? "a link-local address (169.254.0.0/16, where cloud metadata lives)" : null;
        }

        return address.IsIPv6LinkLocal ? "a link-local address (fe80::/10)" : null;
    }
}
