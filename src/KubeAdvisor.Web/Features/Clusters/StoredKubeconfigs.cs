using KubeAdvisor.Data.Entities;
using KubeAdvisor.Kubernetes.Kubeconfig;
using KubeAdvisor.Web.Configuration;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>
/// The one way to use a stored kubeconfig: decrypt it and validate it again under today's rules (the allow-list or a
/// refusal may have changed since it was stored), for scans, connection tests and context changes alike.
/// </summary>
public sealed class StoredKubeconfigs(KubeconfigProtector protector, IOptions<KubeAdvisorOptions> options)
{
    /// <summary>The validation of <paramref name="cluster"/>'s kubeconfig for <paramref name="context"/> (default: its own).</summary>
    /// <exception cref="InvalidOperationException">The cluster is connected by agent (it has no kubeconfig).</exception>
    public KubeconfigValidationResult Read(Cluster cluster, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var encrypted = cluster.EncryptedKubeconfig
            ?? throw new InvalidOperationException($"Cluster {cluster.Name} has no kubeconfig; it is connected by agent.");
        return new KubeconfigValidator().Validate(
            protector.Unprotect(encrypted), context ?? cluster.Context, ClusterKubeconfigPolicy.ForStored(options.Value, cluster));
    }
}
