using System.Text.Json;
using System.Text.RegularExpressions;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>
/// Cluster labels (env=prod, region=eu): validated as Kubernetes validates label keys and values, bounded in count,
/// and stored as one JSON object (clusters.LabelsJson). The one place that reads and writes that column.
/// </summary>
public static partial class ClusterLabels
{
    public const int MaxLabels = 16;
    public const int MaxNameLength = 63;
    public const int MaxPrefixLength = 253;
    public const int MaxValueLength = 63;

    public static IReadOnlyDictionary<string, string> Empty { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Every reason the labels are refused; empty when they may be stored.</summary>
    public static IReadOnlyList<string> Errors(IReadOnlyDictionary<string, string?>? labels)
    {
        if (labels is null)
        {
            return ["Send labels as a JSON object of strings, e.g. {\"labels\": {\"env\": \"prod\"}}."];
        }

        var errors = new List<string>();
        if (labels.Count > MaxLabels)
        {
            errors.Add($"A cluster has at most {MaxLabels} labels ({labels.Count} sent).");
            return errors;
        }

        foreach (var (key, value) in labels)
        {
            if (KeyError(key) is { } k)
            {
                errors.Add(k);
            }

            if (ValueError(key, value) is { } v)
            {
                errors.Add(v);
            }
        }

        return errors;
    }

    /// <summary>Kubernetes: an optional DNS-subdomain prefix and '/', then a name of 1-63 of [A-Za-z0-9-_.], alphanumeric at both ends.</summary>
    public static string? KeyError(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "A label key must not be empty.";
        }

        var shown = Shown(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (prefix, name) = slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
        if (prefix is not null && (prefix.Length is 0 or > MaxPrefixLength || !Prefix().IsMatch(prefix)))
        {
            return $"Label key \"{shown}\": the prefix before '/' must be a DNS subdomain (lower-case letters, digits, '-' and '.', at most {MaxPrefixLength} characters).";
        }

        return name.Length is 0 or > MaxNameLength || !Name().IsMatch(name)
            ? $"Label key \"{shown}\": the name must be 1-{MaxNameLength} characters of letters, digits, '-', '_' and '.', beginning and ending with a letter or digit."
            : null;
    }

    public static string? ValueError(string key, string? value) =>
        value is null ? $"Label \"{Shown(key)}\": the value must be a string (it may be empty)."
        : value.Length > MaxValueLength || (value.Length > 0 && !Name().IsMatch(value))
            ? $"Label \"{Shown(key)}\": the value must be at most {MaxValueLength} characters of letters, digits, '-', '_' and '.', beginning and ending with a letter or digit."
            : null;

    /// <summary>The stored form: keys in ordinal order, so equal label sets store equal text.</summary>
    public static string ToJson(IReadOnlyDictionary<string, string> labels) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(labels.ToDictionary(), StringComparer.Ordinal));

    /// <summary>The stored labels; a row that cannot be read shows as no labels rather than failing a page.</summary>
    public static IReadOnlyDictionary<string, string> FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "{}")
        {
            return Empty;
        }

        try
        {
            var read = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
            return read is null ? Empty : new SortedDictionary<string, string>(read, StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    /// <summary>
    /// The settings page's text form, "env=prod, region=eu" (commas or new lines between labels): the labels, or the
    /// reason the text cannot be read. The labels themselves are validated by <see cref="Errors"/> when stored.
    /// </summary>
    public static (Dictionary<string, string?>? Labels, string? Error) ParseText(string? text)
    {
        var labels = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var part in (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                return (null, $"\"{Shown(part)}\" is not key=value.");
            }

            var key = part[..eq].Trim();
            if (!labels.TryAdd(key, part[(eq + 1)..].Trim()))
            {
                return (null, $"The label \"{Shown(key)}\" is given twice.");
            }
        }

        return (labels, null);
    }

    /// <summary>"env=prod, region=eu" for the audit log and the UI.</summary>
    public static string Describe(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "(none)" : string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    private static string Shown(string text) => text.Length <= 80 ? text : text[..80] + "…";

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9_.\-]*[A-Za-z0-9])?\z")]
    private static partial Regex Name();

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9\-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9\-]*[a-z0-9])?)*\z")]
    private static partial Regex Prefix();
}
