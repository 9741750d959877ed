using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeAdvisor.Core.Policies;

/// <summary>
/// The JSON form of <see cref="ClusterPolicySettings"/>: how a cluster's settings are stored (clusters.PolicySettingsJson,
/// jsonb) and the field names of the settings document (<c>PolicySettingsDocument</c>) and the API.
/// </summary>
public static class PolicySettingsJson
{
    /// <summary>Web defaults (camelCase) with enums as camelCase strings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };

    /// <summary>The settings as compact JSON.</summary>
    public static string Serialize(ClusterPolicySettings settings) => JsonSerializer.Serialize(settings, Options);

    /// <summary>Empty or "{}" means the defaults.</summary>
    public static ClusterPolicySettings Deserialize(string? json) =>
        string.IsNullOrWhiteSpace(json) || json.Trim() == "{}"
            ? ClusterPolicySettings.Default
            : JsonSerializer.Deserialize<ClusterPolicySettings>(json, Options) ?? ClusterPolicySettings.Default;
}
