using System.Net;
using k8s.KubeConfigModels;

namespace KubeAdvisor.Kubernetes.Kubeconfig;

/// <summary>Checks of a cluster entry's server URL and TLS settings.</summary>
internal static class ServerChecks
{
    public static void Check(Cluster cluster, KubeconfigPolicy policy, List<string> errors, List<string> warnings)
    {
        var name = cluster.Name ?? "";
        var endpoint = cluster.ClusterEndpoint;
        if (endpoint is null || string.IsNullOrWhiteSpace(endpoint.Server))
        {
            errors.Add($"Cluster \"{name}\" has no server URL.");
            return;
        }

        if (!Uri.TryCreate(endpoint.Server, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"Cluster \"{name}\": the server URL must be an absolute https:// URL (got \"{endpoint.Server}\").");
            return;
        }

        var host = uri.IdnHost.Trim('[', ']');
        var allowList = policy.AllowedHosts ?? [];
        if (IPAddress.TryParse(host, out var ip))
        {
            // Literal addresses are judged now; names are judged at every connection, on what they resolve to.
            var (kind, reason) = ServerAddressRules.Classify(ip);
            if (kind == AddressClass.Forbidden)
            {
                errors.Add($"Cluster \"{name}\": the server {host} is {reason}; it is refused.");
            }
            else if (kind == AddressClass.Private && !HostAllowList.MatchesAddress(allowList, ip))
            {
                errors.Add($"Cluster \"{name}\": the server {host} is {reason}; it is refused unless {DestinationRefusedException.AllowListSetting} allows it (that address, or a CIDR that contains it).");
            }
        }
        else if (ServerAddressRules.IsMetadataHost(host))
        {
            errors.Add($"Cluster \"{name}\": the server {host} is a cloud metadata endpoint; it is refused.");
        }

        if (endpoint.SkipTlsVerify)
        {
            if (policy.AllowInsecureSkipTlsVerify)
            {
                warnings.Add($"Cluster \"{name}\" skips TLS verification (insecure-skip-tls-verify): anyone on the network path can impersonate the API server and read the token.");
            }
            else
            {
                errors.Add($"Cluster \"{name}\" sets insecure-skip-tls-verify; it is refused unless an admin explicitly allows insecure TLS for this cluster.");
            }
        }
    }
}
