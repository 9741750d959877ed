using System.Security.Cryptography;
using System.Text;

namespace KubeAdvisor.Web.Infrastructure.DataProtection;

/// <summary>
/// A 256-bit key from configuration that encrypts the Data Protection key ring (AES-256-GCM). Its id is a
/// fingerprint written beside every ciphertext, so a wrong key is reported as such instead of as a failed decrypt.
/// </summary>
public sealed class MasterKey
{
    public const string HowToCreate =
        "Create one with:  openssl rand -base64 32  and put it in .env (KUBEADVISOR_DATA_PROTECTION_KEY=...) or the environment; " +
        "./run.sh creates one in .data/data-protection.key on first start. Keep it safe: without it, stored kubeconfigs cannot be decrypted.";

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    private MasterKey(byte[] key)
    {
        _key = key;
        var fingerprint = SHA256.HashData([.. "KubeAdvisor.DataProtection.MasterKeyId:"u8, .. key]);
        Id = Convert.ToHexStringLower(fingerprint.AsSpan(0, 8));
    }

    /// <summary>16 hex characters; safe to log (a hash of the key, not the key).</summary>
    public string Id { get; }

    /// <summary>Parses a base64 setting; the message names the setting and says how to create a valid one.</summary>
    public static MasterKey Parse(string value, string settingName)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{settingName} is not valid base64. It must be 32 random bytes in base64 (44 characters). {HowToCreate}");
        }

        if (bytes.Length != 32)
        {
            throw new InvalidOperationException(
                $"{settingName} decodes to {bytes.Length} bytes; it must be 32 random bytes (256 bits) in base64 (44 characters). {HowToCreate}");
        }

        return new MasterKey(bytes);
    }

    /// <summary>nonce | tag | ciphertext; the key id is authenticated data, so a moved ciphertext does not verify.</summary>
    public byte[] Seal(byte[] plaintext)
    {
        var result = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = result.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, result.AsSpan(NonceSize + TagSize), result.AsSpan(NonceSize, TagSize), Encoding.ASCII.GetBytes(Id));
        return result;
    }

    /// <exception cref="CryptographicException">The data was not sealed with this key or was altered.</exception>
    public byte[] Open(byte[] sealedData)
    {
        if (sealedData.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The encrypted key ring entry is truncated.");
        }

        var plaintext = new byte[sealedData.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedData.AsSpan(0, NonceSize), sealedData.AsSpan(NonceSize + TagSize), sealedData.AsSpan(NonceSize, TagSize), plaintext, Encoding.ASCII.GetBytes(Id));
        return plaintext;
    }
}
