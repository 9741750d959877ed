using System.Security.Cryptography;
using System.Xml.Linq;
using KubeAdvisor.Web.Configuration;
using KubeAdvisor.Web.Infrastructure.DataProtection;

namespace KubeAdvisor.Web.Tests.Infrastructure.DataProtection;

public sealed class MasterKeyTests
{
    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    [Theory]
    [InlineData("not base64 !", "is not valid base64")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==", "decodes to 16 bytes")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v", "decodes to 48 bytes")]
    public void ReadMasterKeys_MalformedKey_FailsNamingTheSettingAndHowToCreateOne(string value, string expected)
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            DataProtectionExtensions.ReadMasterKeys(new KubeAdvisorOptions { DataProtectionKey = value }, isDevelopment: true));

        Assert.StartsWith("KUBEADVISOR_DATA_PROTECTION_KEY ", ex.Message);
        Assert.Contains(expected, ex.Message);
        Assert.Contains("openssl rand -base64 32", ex.Message);
        Assert.DoesNotContain(value, ex.Message);
    }

    [Fact]
    public void ReadMasterKeys_MalformedPreviousKey_FailsNamingThePreviousSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DataProtectionExtensions.ReadMasterKeys(
            new KubeAdvisorOptions { DataProtectionKey = KeyA, DataProtectionKeyPrevious = "short" }, isDevelopment: false));

        Assert.StartsWith("KUBEADVISOR_DATA_PROTECTION_KEY_PREVIOUS ", ex.Message);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(false, "")]
    [InlineData(true, "")] // a previous key alone is a mistake in any environment
    public void ReadMasterKeys_NoKeyOutsideDevelopmentOrOnlyPrevious_FailsWithHowTo(bool isDevelopment, string? value)
    {
        var options = new KubeAdvisorOptions { DataProtectionKey = value, DataProtectionKeyPrevious = isDevelopment ? KeyB : null };

        var ex = Assert.Throws<InvalidOperationException>(() => DataProtectionExtensions.ReadMasterKeys(options, isDevelopment));

        Assert.StartsWith("KUBEADVISOR_DATA_PROTECTION_KEY is not set.", ex.Message);
        Assert.Contains("openssl rand -base64 32", ex.Message);
    }

    [Fact]
    public void ReadMasterKeys_DevelopmentWithoutKey_AllowsUnencryptedKeys()
    {
        var keys = DataProtectionExtensions.ReadMasterKeys(new KubeAdvisorOptions(), isDevelopment: true);

        Assert.Null(keys.Current);
        Assert.Null(keys.Previous);
    }

    [Fact]
    public void Encryptor_SealsTheSecret_OnlyTheSameKeyOpensIt()
    {
        var a = MasterKey.Parse(KeyA, "K");
        var secret = new XElement("masterKey", new XElement("value", "c2VjcmV0LWtleS1tYXRlcmlhbA=="));

        var encrypted = new MasterKeyXmlEncryptor(a).Encrypt(secret).EncryptedElement;

        Assert.DoesNotContain("c2VjcmV0LWtleS1tYXRlcmlhbA==", encrypted.ToString());
        Assert.Equal(a.Id, MasterKeyXmlDecryptor.KeyIdOf(encrypted));
        Assert.Equal(secret.ToString(), MasterKeyXmlDecryptor.Decrypt(encrypted, new MasterKeys(a, null)).ToString());
        Assert.Equal(secret.ToString(), MasterKeyXmlDecryptor.Decrypt(encrypted, new MasterKeys(MasterKey.Parse(KeyB, "K"), a)).ToString());
    }

    [Fact]
    public void Decryptor_WrongKey_NamesTheSettingAndBothKeyIds()
    {
        var a = MasterKey.Parse(KeyA, "K");
        var b = MasterKey.Parse(KeyB, "K");
        var encrypted = new MasterKeyXmlEncryptor(a).Encrypt(new XElement("masterKey")).EncryptedElement;

        var ex = Assert.Throws<InvalidOperationException>(() => MasterKeyXmlDecryptor.Decrypt(encrypted, new MasterKeys(b, null)));

        Assert.Contains($"encrypted with master key id {a.Id}", ex.Message);
        Assert.Contains($"KUBEADVISOR_DATA_PROTECTION_KEY has id {b.Id}", ex.Message);
        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public void Decryptor_CiphertextAltered_ReportsDamageInsteadOfGarbage()
    {
        var a = MasterKey.Parse(KeyA, "K");
        var encrypted = new MasterKeyXmlEncryptor(a).Encrypt(new XElement("masterKey", "x")).EncryptedElement;
        var bytes = Convert.FromBase64String(encrypted.Value);
        bytes[^1] ^= 1;
        encrypted.Value = Convert.ToBase64String(bytes);

        var ex = Assert.Throws<InvalidOperationException>(() => MasterKeyXmlDecryptor.Decrypt(encrypted, new MasterKeys(a, null)));

        Assert.Contains("altered or damaged", ex.Message);
        Assert.IsAssignableFrom<CryptographicException>(ex.InnerException);
    }
}
