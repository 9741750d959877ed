using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeAdvisor.Core.Policies;

/// <summary>The source-generated contract behind <see cref="PolicySettingsJson.Options"/> (no reflection, so NativeAOT can read settings).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ClusterPolicySettings))]
internal sealed partial class PolicySettingsJsonContext : JsonSerializerContext;
