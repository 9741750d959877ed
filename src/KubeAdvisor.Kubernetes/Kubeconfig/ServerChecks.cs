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
        if (IPAddress.TryParse(host, out var ip) && ServerAddressRules.BlockReason(ip) is { } reason)
        {
            errors.Add($"Cluster \"{name}\": the server {host} is {reason}; it is refused.");
        }
        else if (ServerAddressRules.IsMetadataHost(host))
        {
            errors.Add($"Cluster \"{name}\": the server {host} is a cloud metadata endpoint; it is refused.");
        }
        else if (!HostAllowList.Permits(policy.AllowedHosts ?? [], host))
        {
            errors.Add($"Cluster \"{name}\": the server {host} is not in the allowed hosts ({string.Join(", ", policy.AllowedHosts!)}).");
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
