using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Kubernetes.Admission;

/// <summary>
/// The wire format of <see cref="AdmissionConfig"/> between the server and the agent: camelCase JSON with enums as
/// camelCase strings, so the settings read exactly as the settings document and <see cref="PolicySettingsJson"/> spell
/// them. Source-generated (<see cref="AdmissionJsonContext"/>): the agent is compiled ahead of time.
/// </summary>
public static class AdmissionJson
{
    /// <summary>The largest configuration the agent reads (settings are at most 256 KiB; exceptions are small rows).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        MaxDepth = 16,
        RespectNullableAnnotations = true,
        TypeInfoResolver = AdmissionJsonContext.Default,
        Converters = { new SeverityJsonConverter() }, // the metadata follows these options, not the context's own
    };

    private static JsonTypeInfo<AdmissionConfig> ConfigType { get; } = (JsonTypeInfo<AdmissionConfig>)Options.GetTypeInfo(typeof(AdmissionConfig));

    /// <summary>The configuration as UTF-8 JSON.</summary>
    public static byte[] Serialize(AdmissionConfig config) => JsonSerializer.SerializeToUtf8Bytes(config, ConfigType);

    /// <summary>
    /// Reads a configuration; throws <see cref="JsonException"/> when it does not fit. Settings members left out take
    /// their defaults, as stored settings do (<see cref="ClusterPolicySettings"/>).
    /// </summary>
    public static AdmissionConfig Read(ReadOnlySpan<byte> json)
    {
        var config = JsonSerializer.Deserialize(json, ConfigType) ?? throw new JsonException("The admission configuration is JSON null.");
        return config with { Settings = WithDefaults(config.Settings), Exceptions = config.Exceptions ?? [] };
    }

    // Generated metadata sets init-only members through the object initializer, so a member absent from the JSON
    // arrives as null instead of keeping its initializer's value (reflection-based reading keeps it). Every collection
    // member of ClusterPolicySettings is listed here; AdmissionJsonTests checks "{}" reads as the defaults.
    private static ClusterPolicySettings WithDefaults(ClusterPolicySettings? settings)
    {
        var d = ClusterPolicySettings.Default;
        if (settings is null)
        {
            return d;
        }

        return settings with
        {
            Policies = settings.Policies ?? d.Policies,
            Packs = settings.Packs ?? d.Packs,
            ExcludedNamespaces = settings.ExcludedNamespaces ?? d.ExcludedNamespaces,
            FloatingTags = settings.FloatingTags ?? d.FloatingTags,
            AllowedRegistries = settings.AllowedRegistries ?? d.AllowedRegistries,
            DigestExemptRegistries = settings.DigestExemptRegistries ?? d.DigestExemptRegistries,
            AutomountAllowedWorkloads = settings.AutomountAllowedWorkloads ?? d.AutomountAllowedWorkloads,
            ResourceRanges = settings.ResourceRanges ?? d.ResourceRanges,
            RbacAllowedSubjects = settings.RbacAllowedSubjects ?? d.RbacAllowedSubjects,
        };
    }

    /// <summary>The entity tag of a serialized configuration (a quoted hash of its bytes).</summary>
    public static string ETagOf(ReadOnlySpan<byte> json) => $"\"{Convert.ToHexStringLower(SHA256.HashData(json))[..32]}\"";
}

/// <summary>Severity as camelCase text ("high"), as <see cref="PolicySettingsJson"/> writes it, without reflection.</summary>
internal sealed class SeverityJsonConverter() : JsonStringEnumConverter<Severity>(JsonNamingPolicy.CamelCase);

/// <summary>Source-generated metadata of the admission configuration.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(SeverityJsonConverter)])]
[JsonSerializable(typeof(AdmissionConfig))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext;
