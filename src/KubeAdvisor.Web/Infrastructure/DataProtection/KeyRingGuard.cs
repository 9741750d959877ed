using System.Xml.Linq;
using KubeAdvisor.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Infrastructure.DataProtection;

/// <summary>
/// Runs at start, before migrations and before Data Protection reads its keys: every stored key must decrypt with
/// the configured master keys, else the start fails and nothing is written (Data Protection itself would log the
/// failure, create a new key and leave every stored kubeconfig unreadable). When all decrypt, entries still in
/// plain text (written before a master key was configured) or under the previous master key are re-encrypted
/// with the current one in one transaction.
/// </summary>
public sealed class KeyRingGuard(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory, MasterKeys keys, IDataProtectionProvider protection, ILogger<KeyRingGuard> logger)
{
    private static readonly XNamespace DataProtectionNs = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = DataProtectionNs + "requiresEncryption";
    private static readonly XName EncryptedSecret = DataProtectionNs + "encryptedSecret";

    public async Task CheckStoredKeysAsync(CancellationToken ct = default)
    {
        if (keys.Current is null)
        {
            logger.LogWarning("{Setting} is not set: Data Protection keys (which encrypt stored kubeconfigs and sign-in cookies) are stored UNENCRYPTED in the database. This is allowed in Development only. {HowTo}",
                MasterKeys.Setting, MasterKey.HowToCreate);
        }
        else
        {
            logger.LogInformation("Data Protection keys are encrypted with master key id {KeyId}", keys.Current.Id);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var exists = await db.Database.SqlQueryRaw<bool>("SELECT to_regclass('\"DataProtectionKeys\"') IS NOT NULL AS \"Value\"").SingleAsync(ct);
        if (!exists)
        {
            return; // a new database: the migrations create the table
        }

        var problems = new SortedSet<string>(StringComparer.Ordinal);
        var changed = 0;
        foreach (var row in await db.DataProtectionKeys.ToListAsync(ct))
        {
            var xml = XElement.Parse(row.Xml ?? "<empty />");
            if (Reencrypt(xml, problems))
            {
                row.Xml = xml.ToString(SaveOptions.DisableFormatting);
                changed++;
            }
        }

        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();
            throw new InvalidOperationException(
                $"KubeAdvisor cannot start: the Data Protection key ring in the database does not decrypt with the configured master key. " +
                $"{string.Join(" ", problems)} Nothing in the database was changed. See docs/security.md (Encryption keys).");
        }

        if (changed > 0)
        {
            await db.SaveChangesAsync(ct);
            logger.LogWarning("Re-encrypted {Count} Data Protection key(s) with master key id {KeyId} (they were unencrypted or under the previous master key)",
                changed, keys.Current!.Id);
        }
    }

    /// <summary>After migrations: the key ring as Data Protection loads it (type activation included) works before the first request.</summary>
    public void ProbeKeyRing()
    {
        var probe = protection.CreateProtector("KubeAdvisor.StartupCheck");
        probe.Unprotect(probe.Protect("ok"));
    }

    /// <summary>Verifies every sealed secret of one key; true when the XML was changed to be sealed with the current key.</summary>
    private bool Reencrypt(XElement xml, SortedSet<string> problems)
    {
        var changed = false;
        foreach (var sealedSecret in xml.Descendants(MasterKeyXmlEncryptor.ElementName).ToList())
        {
            XElement plain;
            try
            {
                plain = MasterKeyXmlDecryptor.Decrypt(sealedSecret, keys);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add(ex.Message);
                continue;
            }

            if (keys.Current is { } current && MasterKeyXmlDecryptor.KeyIdOf(sealedSecret) != current.Id)
            {
                sealedSecret.ReplaceWith(new MasterKeyXmlEncryptor(current).Encrypt(plain).EncryptedElement);
                changed = true;
            }
        }

        if (keys.Current is not { } key)
        {
            return changed;
        }

        foreach (var plain in xml.Descendants().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList())
        {
            // Data Protection's own placeholder for an encrypted secret, as its XmlKeyManager writes it.
            var encrypted = new MasterKeyXmlEncryptor(key).Encrypt(plain);
            plain.NodesBeforeSelf().OfType<XComment>().LastOrDefault()?.Remove(); // "the key below is in an unencrypted form"
            plain.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!),
                encrypted.EncryptedElement));
            changed = true;
        }

        return changed;
    }
}
