using KubeAdvisor.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>
/// The `rotate-keys` verb: a new Data Protection key becomes the default now, every stored kubeconfig is
/// re-encrypted with it, and so is every other feature's secret (<see cref="IReprotectedSecrets"/>, one transaction), then every older key is revoked, so a leaked old key (or an old backup of
/// an unencrypted key ring) no longer opens anything stored. Users sign in again afterwards.
/// </summary>
public sealed class KubeconfigKeyRotation(
    IKeyManager keyManager, IDataProtectionProvider provider, IDbContextFactory<KubeAdvisorDbContext> dbFactory,
    KubeconfigProtector protector, TimeProvider time, IEnumerable<IReprotectedSecrets> otherSecrets)
{
    public sealed record Result(Guid NewKeyId, int Kubeconfigs, int RevokedKeys, int OtherSecrets = 0);

    public async Task<Result> RotateAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var older = keyManager.GetAllKeys().Where(k => !k.IsRevoked).Select(k => k.KeyId).ToList();
        var newKey = keyManager.CreateNewKey(activationDate: now, expirationDate: now.AddDays(90));
        await WaitUntilDefaultKeyAsync(newKey.KeyId, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = await db.Clusters.Where(c => c.EncryptedKubeconfig != null).ToListAsync(ct);
        foreach (var cluster in clusters)
        {
            cluster.EncryptedKubeconfig = protector.Protect(protector.Unprotect(cluster.EncryptedKubeconfig!));
        }

        var others = 0;
        foreach (var secrets in otherSecrets)
        {
            others += await secrets.ReprotectAsync(db, ct);
        }

        await db.SaveChangesAsync(ct);
        foreach (var keyId in older)
        {
            keyManager.RevokeKey(keyId, "rotate-keys");
        }

        return new Result(newKey.KeyId, clusters.Count, older.Count, others);
    }

    /// <summary>
    /// A running process refreshes its cached key ring in the background (ASP.NET Core 9+), so new payloads may use
    /// the old default key for a moment; re-encrypting then would leave kubeconfigs under keys about to be revoked.
    /// A payload names its key in bytes 4-19 (after the magic header), which tells when the new key is in use.
    /// </summary>
    private async Task WaitUntilDefaultKeyAsync(Guid keyId, CancellationToken ct)
    {
        var probe = provider.CreateProtector("KubeAdvisor.KeyRotationProbe");
        var deadline = time.GetUtcNow().AddSeconds(60);
        while (new Guid(probe.Protect([1]).AsSpan(4, 16)) != keyId)
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new InvalidOperationException($"The new Data Protection key {keyId} did not become the default key; nothing was re-encrypted or revoked.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, ct);
        }
    }
}
