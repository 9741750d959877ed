using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace KubeAdvisor.Web.Infrastructure.DataProtection;

/// <summary>Encrypts each new Data Protection key's secret with the current master key before it is stored.</summary>
public sealed class MasterKeyXmlEncryptor(MasterKey key) : IXmlEncryptor
{
    public static readonly XName ElementName = XName.Get("masterKeySealed", "urn:kubeadvisor:data-protection:v1");
    public const string KeyIdAttribute = "masterKeyId";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var element = new XElement(ElementName,
            new XAttribute(KeyIdAttribute, key.Id),
            new XAttribute("algorithm", "AES-256-GCM"),
            Convert.ToBase64String(key.Seal(plaintext)));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}
