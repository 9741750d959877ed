using KubeAdvisor.Data;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>
/// Secrets a feature other than clusters keeps encrypted with Data Protection (notification channels). The
/// <c>rotate-keys</c> verb (<see cref="KubeconfigKeyRotation"/>) has each re-encrypt its own with the new key, in the
/// kubeconfigs' transaction, before the older keys are revoked; a secret left under a revoked key could not be read.
/// </summary>
public interface IReprotectedSecrets
{
    /// <summary>Decrypts and encrypts again every stored secret on <paramref name="db"/> (tracked; the caller saves); returns how many rows.</summary>
    Task<int> ReprotectAsync(KubeAdvisorDbContext db, CancellationToken ct);
}
