using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace KubeAdvisor.Web.Infrastructure.DataProtection;

/// <summary>
/// Decrypts key ring entries written by <see cref="MasterKeyXmlEncryptor"/>. Data Protection creates decryptors by
/// the type name stored in the XML, through a constructor taking <see cref="IServiceProvider"/>.
/// </summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly MasterKeys _keys = services.GetRequiredService<MasterKeys>();

    public XElement Decrypt(XElement encryptedElement) => Decrypt(encryptedElement, _keys);

    /// <exception cref="InvalidOperationException">No configured key has the element's key id, or it does not verify.</exception>
    public static XElement Decrypt(XElement encryptedElement, MasterKeys keys)
    {
        var id = KeyIdOf(encryptedElement);
        var key = keys.Find(id)
            ?? throw new InvalidOperationException(
                $"The Data Protection key ring is encrypted with master key id {id}, but {keys.Describe()}. " +
                $"Start with the {MasterKeys.Setting} the key ring was encrypted with.");
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(key.Open(Convert.FromBase64String(encryptedElement.Value))));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw new InvalidOperationException(
                $"A Data Protection key ring entry encrypted with master key id {id} does not decrypt: it was altered or damaged.", ex);
        }
    }

    public static string KeyIdOf(XElement encryptedElement) =>
        (string?)encryptedElement.Attribute(MasterKeyXmlEncryptor.KeyIdAttribute) ?? "(none)";
}
