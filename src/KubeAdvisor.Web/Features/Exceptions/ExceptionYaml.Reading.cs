using System.Globalization;
using System.Text.RegularExpressions;
using KubeAdvisor.Kubernetes.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KubeAdvisor.Web.Features.Exceptions;

// Reading an uploaded file: bounded by the event parser first, then read from the tree, every entry on its own.
public static partial class ExceptionYaml
{
    private static readonly string[] EntryKeys =
        ["cluster", "allClusters", "namespace", "kind", "name", "container", "image", "policies", "reason", "ticketUrl", "expiresAt"];

    /// <summary>
    /// Reads an uploaded file: a document-level error (too large, too deep, not YAML, not an ExceptionList) or one entry
    /// per item of <c>exceptions</c>, each with its own structural errors. Nothing here touches the database.
    /// </summary>
    public static ExceptionYamlDocument Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (BoundedYaml.Check(text, Limits, "The file") is { } refusal)
        {
            return ExceptionYamlDocument.Invalid(refusal);
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return ExceptionYamlDocument.Invalid($"The file is not valid YAML: {e.Message.Split('\n')[0].Trim()} (line {e.Start.Line}).");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return ExceptionYamlDocument.Invalid($"The file must be a YAML mapping with apiVersion: {ApiVersion}, kind: {Kind} and exceptions (a list).");
        }

        var problems = new List<string>();
        foreach (var key in root.Children.Keys)
        {
            if (KeyOf(key) is not ("apiVersion" or "kind" or "exceptions"))
            {
                problems.Add($"Unknown field '{KeyOf(key)}' at the top (line {key.Start.Line}); expected apiVersion, kind and exceptions.");
            }
        }

        if (Scalar(root, "apiVersion") != ApiVersion || Scalar(root, "kind") != Kind)
        {
            problems.Add($"The file must say apiVersion: {ApiVersion} and kind: {Kind}.");
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("exceptions"), out var list) || list is not YamlSequenceNode items)
        {
            problems.Add("The file must have exceptions: a list of entries (exceptions: [] for none).");
            return ExceptionYamlDocument.Invalid(string.Join(" ", problems));
        }

        if (items.Children.Count > MaxEntries)
        {
            problems.Add($"The file has {items.Children.Count} entries; at most {MaxEntries} are imported at once.");
        }

        return problems.Count > 0
            ? ExceptionYamlDocument.Invalid(string.Join(" ", problems))
            : new ExceptionYamlDocument(null, items.Children.Select((node, i) => Entry(i, node)).ToList());
    }

    private static ExceptionYamlEntry Entry(int index, YamlNode node)
    {
        var line = (int)node.Start.Line;
        if (node is not YamlMappingNode map)
        {
            return new ExceptionYamlEntry(index, line, null, new ExceptionRequest(), ["An entry must be a mapping of fields (cluster, policies, reason, …)."]);
        }

        var errors = new List<string>();
        foreach (var key in map.Children.Keys.Select(KeyOf).Where(k => !EntryKeys.Contains(k, StringComparer.Ordinal)))
        {
            errors.Add($"Unknown field '{key}'; the fields are {string.Join(", ", EntryKeys)}.");
        }

        var cluster = Field(map, "cluster", errors);
        var allClusters = Field(map, "allClusters", errors) switch
        {
            null or "false" => false,
            "true" => true,
            var other => Bad(errors, $"allClusters must be true or false, not '{other}'."),
        };
        if (cluster is not null && allClusters)
        {
            errors.Add("Give either cluster or allClusters: true, not both.");
        }
        else if (cluster is null && !allClusters)
        {
            errors.Add("Name the cluster (cluster: NAME) or say allClusters: true.");
        }

        var request = new ExceptionRequest(
            Namespace: Field(map, "namespace", errors),
            Kind: Field(map, "kind", errors),
            Name: Field(map, "name", errors),
            Container: Field(map, "container", errors),
            Image: Field(map, "image", errors),
            Policies: Policies(map, errors),
            Reason: Field(map, "reason", errors),
            TicketUrl: Field(map, "ticketUrl", errors),
            ExpiresAt: Moment(Field(map, "expiresAt", errors), errors));
        return new ExceptionYamlEntry(index, line, allClusters ? null : cluster, request, errors);
    }

    private static List<string>? Policies(YamlMappingNode map, List<string> errors)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode("policies"), out var node))
        {
            return null; // ExceptionValidation asks for at least one
        }

        if (node is not YamlSequenceNode sequence || sequence.Children.Any(c => c is not YamlScalarNode))
        {
            errors.Add("policies must be a list of policy ids.");
            return null;
        }

        return sequence.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? "").ToList();
    }

    private static DateTimeOffset? Moment(string? text, List<string> errors)
    {
        if (text is null)
        {
            errors.Add("expiresAt is required (ISO 8601, e.g. 2027-01-31T00:00:00Z).");
            return null;
        }

        if (IsoDate().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            return moment;
        }

        errors.Add($"expiresAt '{text}' is not an ISO 8601 date or time (e.g. 2027-01-31T00:00:00Z).");
        return null;
    }

    // A scalar field: absent, empty, ~ and null (unquoted) are null; a mapping or list is an error.
    private static string? Field(YamlMappingNode map, string key, List<string> errors)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            errors.Add($"{key} must be a single value, not a list or mapping.");
            return null;
        }

        return scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL" ? null : scalar.Value;
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value : null;

    private static string KeyOf(YamlNode key) => key is YamlScalarNode s ? s.Value ?? "" : $"(a {key.NodeType} as key)";

    private static bool Bad(List<string> errors, string error)
    {
        errors.Add(error);
        return false;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex IsoDate();
}
