using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeAdvisor.Core.Policies;

/// <summary>
/// What changed between two <see cref="ClusterPolicySettings"/>, one line per field in the JSON spelling, for the
/// audit log: <c>packs.security: unset -> true</c>, <c>floatingTags: +release -nightly</c>. Lists are compared as sets.
/// </summary>
public static class PolicySettingsDiff
{
    /// <summary>The changed fields in document order (empty when nothing changed).</summary>
    public static IReadOnlyList<string> Describe(ClusterPolicySettings before, ClusterPolicySettings after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var lines = new List<string>();
        Compare("", JsonSerializer.SerializeToNode(before, PolicySettingsJson.TypeInfo), JsonSerializer.SerializeToNode(after, PolicySettingsJson.TypeInfo), lines);
        return lines;
    }

    private static void Compare(string path, JsonNode? before, JsonNode? after, List<string> lines)
    {
        switch (before, after)
        {
            case (JsonObject b, JsonObject a):
                foreach (var key in b.Select(p => p.Key).Concat(a.Select(p => p.Key).Where(k => !b.ContainsKey(k))).ToList())
                {
                    Compare(path.Length == 0 ? key : $"{path}.{key}", b[key], a[key], lines);
                }

                break;
            case (JsonArray or null, JsonArray or null) when before is not null || after is not null:
                var old = Items(before);
                var now = Items(after);
                var added = now.Where(i => !old.Contains(i)).Select(i => "+" + i);
                var removed = old.Where(i => !now.Contains(i)).Select(i => "-" + i);
                var changes = added.Concat(removed).ToList();
                if (changes.Count > 0)
                {
                    lines.Add($"{path}: {string.Join(" ", changes)}");
                }

                break;
            case (JsonObject b, null):
                Compare(path, b, new JsonObject(), lines);
                break;
            case (null, JsonObject a):
                Compare(path, new JsonObject(), a, lines);
                break;
            default:
                var from = Text(before);
                var to = Text(after);
                if (from != to)
                {
                    lines.Add($"{path}: {from} -> {to}");
                }

                break;
        }
    }

    private static List<string> Items(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).Distinct(StringComparer.Ordinal).ToList() : [];

    private static string Text(JsonNode? node) => node switch
    {
        null => "unset",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
