using KubeAdvisor.Data.Entities;
using KubeAdvisor.Kubernetes.Kubeconfig;
using KubeAdvisor.Web.Configuration;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>
/// The one place a <see cref="KubeconfigPolicy"/> is made: the configured allow-list (KUBEADVISOR_SERVER_ALLOWLIST)
/// and the insecure-TLS opt-in. In demo mode the demo cluster's own server, which this process serves on loopback,
/// is allowed for that cluster only, so the demo needs no global allow-list entry.
/// </summary>
public static class ClusterKubeconfigPolicy
{
    /// <summary>For a kubeconfig an admin submits now.</summary>
    public static KubeconfigPolicy ForUpload(KubeAdvisorOptions options, bool allowInsecure) =>
        new(allowInsecure, options.ServerAllowListEntries);

    /// <summary>For a stored cluster's kubeconfig (scans, connection tests, context changes).</summary>
    public static KubeconfigPolicy ForStored(KubeAdvisorOptions options, Cluster cluster)
    {
        var allowList = options.ServerAllowListEntries;
        if (options.Demo && cluster.IsDemo && Uri.TryCreate(cluster.ServerUrl, UriKind.Absolute, out var demo))
        {
            allowList = [.. allowList, demo.IdnHost.Trim('[', ']')];
        }

        return new(cluster.InsecureSkipTlsVerify, allowList);
    }
}
