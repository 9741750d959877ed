using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Kubernetes.Yaml;

namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>
/// A cluster's policy settings as a file kept in Git (docs/gitops.md): <c>apiVersion: kubeadvisor.io/v1</c>,
/// <c>kind: PolicySettings</c>, an optional <c>cluster</c> name, then the fields of <see cref="ClusterPolicySettings"/>
/// as the API and the database spell them (<see cref="PolicySettingsJson"/>). The same text is read by the settings
/// API (JSON or YAML) and by the CLI's <c>--settings</c>. A field left out takes its default, so the document is the
/// whole truth; an unknown field is an error, so a typo cannot silently change nothing.
/// </summary>
/// <param name="Settings">The settings.</param>
/// <param name="Cluster">The cluster the file was written for, when it says so.</param>
public sealed record PolicySettingsDocument(ClusterPolicySettings Settings, string? Cluster = null)
{
    public const string ApiVersion = "kubeadvisor.io/v1";
    public const string Kind = "PolicySettings";

    /// <summary>256 KiB (the defaults are under 1 KiB); root → policies → policy → exemptImages is 4 levels deep.</summary>
    public static YamlLimits Limits { get; } = new(MaxBytes: 256 * 1024, MaxDepth: 6, MaxNodes: 20_000);

    private static readonly JsonSerializerOptions StrictOptions = new(PolicySettingsJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<ClusterPolicySettings> StrictTypeInfo = PolicySettingsJson.TypeInfoFor(StrictOptions);

    private static readonly JsonSerializerOptions IndentedOptions = new(PolicySettingsJson.Options) { WriteIndented = true };

    /// <summary>Reads a document (YAML or JSON, bounded by <see cref="Limits"/>); the errors name the field.</summary>
    /// <param name="text">The untrusted text.</param>
    public static PolicySettingsParse Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (BoundedYaml.Check(text, Limits, "The settings document") is { } refusal)
        {
            return PolicySettingsParse.Fail(refusal);
        }

        JsonNode? root;
        try
        {
            root = YamlJson.Read(text);
        }
        catch (FormatException e)
        {
            return PolicySettingsParse.Fail($"The settings document is not valid: {e.Message}");
        }

        if (root is not JsonObject obj)
        {
            return PolicySettingsParse.Fail($"The settings document must be a mapping with apiVersion: {ApiVersion} and kind: {Kind}.");
        }

        var errors = new List<string>();
        Header(obj, "apiVersion", ApiVersion, errors);
        Header(obj, "kind", Kind, errors);
        string? cluster = null;
        if (obj.Remove("cluster", out var named))
        {
            if (named is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                cluster = value.GetValue<string>();
            }
            else
            {
                errors.Add("cluster: must be a cluster name.");
            }
        }

        if (errors.Count > 0)
        {
            return new PolicySettingsParse(null, errors);
        }

        ClusterPolicySettings settings;
        try
        {
            settings = obj.Deserialize(StrictTypeInfo) ?? ClusterPolicySettings.Default;
        }
        catch (JsonException e)
        {
            return PolicySettingsParse.Fail(Describe(e, obj));
        }

        errors.AddRange(Nulls(obj));
        if (errors.Count == 0)
        {
            errors.AddRange(settings.Validate());
        }

        return errors.Count > 0 ? new PolicySettingsParse(null, errors) : new PolicySettingsParse(new PolicySettingsDocument(settings, cluster), []);
    }

    /// <summary>The document as a JSON object, every field written (defaults included), header first.</summary>
    public JsonObject ToJson()
    {
        var result = new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = Kind };
        if (Cluster is not null)
        {
            result["cluster"] = Cluster;
        }

        foreach (var (key, value) in JsonSerializer.SerializeToNode(Settings, PolicySettingsJson.TypeInfo)!.AsObject().ToList())
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    /// <summary>The document as indented JSON.</summary>
    public string ToJsonText() => ToJson().ToJsonString(IndentedOptions);

    /// <summary>The document as YAML, with a header comment saying how to apply it.</summary>
    public string ToYaml() =>
        "# KubeAdvisor policy settings. Apply with PUT /api/v1/clusters/{id}/policy-settings (Admin); format: docs/gitops.md.\n"
        + YamlJson.Write(ToJson());

    private static void Header(JsonObject obj, string key, string expected, List<string> errors)
    {
        if (!obj.Remove(key, out var node))
        {
            return;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String || value.GetValue<string>() != expected)
        {
            errors.Add($"{key}: must be {expected}.");
        }
    }

    // System.Text.Json accepts null for a list or a dictionary; the settings never hold one (a missing field is the default).
    private static IEnumerable<string> Nulls(JsonObject obj)
    {
        foreach (var (key, value) in obj)
        {
            if (value is null)
            {
                yield return $"{key}: must not be empty (leave the field out for its default).";
            }
            else if (value is JsonObject map)
            {
                foreach (var (inner, innerValue) in map)
                {
                    if (innerValue is null)
                    {
                        yield return $"{key}.{inner}: must not be empty.";
                    }
                }
            }
        }
    }

    private static string Describe(JsonException e, JsonObject doc)
    {
        var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var start = e.Message.IndexOf('\'', StringComparison.Ordinal);
            var end = start < 0 ? -1 : e.Message.IndexOf('\'', start + 1);
            var name = end > start ? e.Message[(start + 1)..end] : "?";
            return $"{(path == name || path.EndsWith("." + name, StringComparison.Ordinal) ? path : Join(path, name))}: unknown field.";
        }

        if (path.Length > 0 && !path.EndsWith(']') && Find(doc, path) is null)
        {
            return $"{path}: must not be empty (leave the field out for its default).";
        }

        return $"{(path.Length == 0 ? "The document" : path)}: {Expected(path.Split('.'))}";
    }

    // What the field at a path holds, from the shape of ClusterPolicySettings (the serializer's own messages name .NET types).
    private static string Expected(string[] path) => path switch
    {
        [.., var last] when last.EndsWith(']') => "must be text.",
        ["packs"] => "must be a mapping of pack names to true or false.",
        ["packs", _] => "must be true or false.",
        ["policies"] => "must be a mapping of policy ids.",
        ["policies", _] => "must be a mapping (enabled, severity, exemptImages).",
        ["policies", _, "enabled"] => "must be true or false.",
        ["policies", _, "severity"] or ["policies", _, "severity", ..] =>
            $"must be one of {string.Join(", ", Enum.GetNames<Severity>().Select(n => n.ToLowerInvariant()))}.",
        ["exemptAnnotations"] => "must be allow, require-reason or ignore.",
        [""] => "has the wrong shape.",
        _ => "must be a list.",
    };

    private static JsonNode? Find(JsonObject doc, string path)
    {
        JsonNode? node = doc;
        foreach (var key in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[key] : null;
        }

        return node;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
