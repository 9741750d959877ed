using Microsoft.AspNetCore.DataProtection;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>
/// Encrypts kubeconfigs at rest with Data Protection (keys in PostgreSQL). The plain text exists only in memory
/// while a scan or a connection test runs; it is never sent to a browser or written to a log.
/// </summary>
public sealed class KubeconfigProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("KubeAdvisor.Clusters.Kubeconfig.v1");

    public string Protect(string kubeconfig) => _protector.Protect(kubeconfig);

    public string Unprotect(string encrypted) => _protector.Unprotect(encrypted);
}
