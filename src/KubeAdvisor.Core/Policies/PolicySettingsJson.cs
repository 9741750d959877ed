using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using KubeAdvisor.Core.Exceptions;

namespace KubeAdvisor.Core.Policies;

/// <summary>
/// The JSON form of <see cref="ClusterPolicySettings"/>: how a cluster's settings are stored (clusters.PolicySettingsJson,
/// jsonb) and the field names of the settings document (<c>PolicySettingsDocument</c>) and the API. The contract is
/// source-generated (<see cref="PolicySettingsJsonContext"/>), so the NativeAOT CLI reads settings files as the server does.
/// </summary>
public static class PolicySettingsJson
{
    /// <summary>Web defaults (camelCase) with enums as camelCase strings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters =
        {
            new JsonStringEnumConverter<Severity>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<ExemptAnnotationMode>(JsonNamingPolicy.CamelCase),
        },
        WriteIndented = false,
        TypeInfoResolver = PolicySettingsJsonContext.Default,
    };

    /// <summary>The contract of <see cref="ClusterPolicySettings"/> under <see cref="Options"/>.</summary>
    public static JsonTypeInfo<ClusterPolicySettings> TypeInfo { get; } = TypeInfoFor(Options);

    /// <summary>The contract under <paramref name="options"/> (a copy of <see cref="Options"/> with other switches).</summary>
    public static JsonTypeInfo<ClusterPolicySettings> TypeInfoFor(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (JsonTypeInfo<ClusterPolicySettings>)options.GetTypeInfo(typeof(ClusterPolicySettings));
    }

    /// <summary>The settings as compact JSON.</summary>
    public static string Serialize(ClusterPolicySettings settings) => JsonSerializer.Serialize(settings, TypeInfo);

    /// <summary>Empty or "{}" means the defaults.</summary>
    public static ClusterPolicySettings Deserialize(string? json) =>
        string.IsNullOrWhiteSpace(json) || json.Trim() == "{}"
            ? ClusterPolicySettings.Default
            : JsonSerializer.Deserialize(json, TypeInfo) ?? ClusterPolicySettings.Default;
}
