using System.Text.Json;
using System.Text.Json.Serialization;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>How a cluster's <see cref="ClusterPolicySettings"/> is stored in clusters.PolicySettingsJson (jsonb).</summary>
public static class PolicySettingsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };

    public static string Serialize(ClusterPolicySettings settings) => JsonSerializer.Serialize(settings, Options);

    /// <summary>Empty or "{}" means the defaults.</summary>
    public static ClusterPolicySettings Deserialize(string? json) =>
        string.IsNullOrWhiteSpace(json) || json.Trim() == "{}"
            ? ClusterPolicySettings.Default
            : JsonSerializer.Deserialize<ClusterPolicySettings>(json, Options) ?? ClusterPolicySettings.Default;
}
