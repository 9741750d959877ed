using KubeAdvisor.Data;
using KubeAdvisor.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace KubeAdvisor.Web.Infrastructure.DataProtection;

/// <summary>Data Protection keys in PostgreSQL, encrypted at rest with the master key from configuration.</summary>
public static class DataProtectionExtensions
{
    public static WebApplicationBuilder AddKubeAdvisorDataProtection(this WebApplicationBuilder builder)
    {
        var keys = ReadMasterKeys(builder.Configuration.GetKubeAdvisorOptions(), builder.Environment.IsDevelopment());
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton<KeyRingGuard>();
        // Keys in PostgreSQL: cookies and encrypted kubeconfigs survive restarts and work on every instance.
        builder.Services.AddDataProtection()
            .SetApplicationName("KubeAdvisor")
            .PersistKeysToDbContext<KubeAdvisorDbContext>();
        if (keys.Current is { } current)
        {
            builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new MasterKeyXmlEncryptor(current));
        }

        return builder;
    }

    /// <summary>Fails the start on a missing (outside Development) or malformed key, with how to create one.</summary>
    public static MasterKeys ReadMasterKeys(KubeAdvisorOptions options, bool isDevelopment)
    {
        var current = string.IsNullOrWhiteSpace(options.DataProtectionKey) ? null : MasterKey.Parse(options.DataProtectionKey, MasterKeys.Setting);
        var previous = string.IsNullOrWhiteSpace(options.DataProtectionKeyPrevious) ? null : MasterKey.Parse(options.DataProtectionKeyPrevious, MasterKeys.PreviousSetting);
        if (current is null && (previous is not null || !isDevelopment))
        {
            throw new InvalidOperationException(
                $"{MasterKeys.Setting} is not set. It encrypts the Data Protection keys that protect stored kubeconfigs and sign-in cookies. {MasterKey.HowToCreate}");
        }

        return new MasterKeys(current, previous?.Id == current?.Id ? null : previous);
    }
}
