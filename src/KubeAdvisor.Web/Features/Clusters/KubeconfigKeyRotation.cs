using KubeAdvisor.Data;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>
/// The `rotate-keys` verb: a new Data Protection key becomes the default now, every stored kubeconfig is
/// re-encrypted with it (one transaction), then every older key is revoked, so a leaked old key (or an old backup of
/// an unencrypted key ring) no longer opens anything stored. Users sign in again afterwards.
/// </summary>
public sealed class KubeconfigKeyRotation(
    IKeyManager keyManager, IDbContextFactory<KubeAdvisorDbContext> dbFactory, KubeconfigProtector protector, TimeProvider time)
{
    public sealed record Result(Guid NewKeyId, int Kubeconfigs, int RevokedKeys);

    public async Task<Result> RotateAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var older = keyManager.GetAllKeys().Where(k => !k.IsRevoked).Select(k => k.KeyId).ToList();
        var newKey = keyManager.CreateNewKey(activationDate: now, expirationDate: now.AddDays(90));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = await db.Clusters.Where(c => c.EncryptedKubeconfig != null).ToListAsync(ct);
        foreach (var cluster in clusters)
        {
            cluster.EncryptedKubeconfig = protector.Protect(protector.Unprotect(cluster.EncryptedKubeconfig!));
        }

        await db.SaveChangesAsync(ct);
        foreach (var keyId in older)
        {
            keyManager.RevokeKey(keyId, "rotate-keys");
        }

        return new Result(newKey.KeyId, clusters.Count, older.Count);
    }
}
