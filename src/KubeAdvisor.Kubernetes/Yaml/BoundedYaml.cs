using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubeAdvisor.Kubernetes.Yaml;

/// <summary>
/// Checks untrusted YAML against <see cref="YamlLimits"/> with YamlDotNet's event parser only, which keeps its own
/// stack instead of recursing, so no input can overflow ours. YamlStream and the deserializer recurse once per
/// nesting level (20,000 nested lists kill the process); they may run only on text this check has passed.
/// Anchors, aliases and merge keys (<c>&lt;&lt;</c>) are refused outright: they let one key hide behind another
/// (a merge key can smuggle <c>exec:</c> past a check that reads keys) and multiply the size of what is parsed.
/// </summary>
public static class BoundedYaml
{
    /// <summary>The first reason to refuse <paramref name="text"/> as a sentence naming the line, or null when it passes.</summary>
    /// <param name="text">The untrusted YAML.</param>
    /// <param name="limits">The bounds.</param>
    /// <param name="subject">What the text is, to start the sentence ("The kubeconfig").</param>
    public static string? Check(string text, YamlLimits limits, string subject = "The YAML")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > limits.MaxBytes)
        {
            return $"{subject} is {Kib(bytes)} KiB; at most {Kib(limits.MaxBytes)} KiB is accepted.";
        }

        try
        {
            return Walk(new Parser(new StringReader(text)), limits, subject);
        }
        catch (YamlException e)
        {
            return $"{subject} is not valid YAML: {e.Message.Split('\n')[0].Trim()} (line {e.Start.Line}).";
        }
    }

    private static string? Walk(Parser parser, YamlLimits limits, string subject)
    {
        // One entry per open mapping or sequence: whether it is a mapping, and how many child nodes it has so far
        // (in a mapping, an even count means the next node is a key).
        var open = new List<(bool Mapping, int Children)>();
        var nodes = 0;
        var documents = 0;
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            var line = e.Start.Line;
            switch (e)
            {
                case DocumentStart when ++documents > limits.MaxDocuments:
                    return $"{subject} has more than {limits.MaxDocuments} YAML document(s) (line {line}).";
                case AnchorAlias alias:
                    return $"{subject} uses an alias (*{alias.Value}, line {line}); anchors and aliases are not allowed.";
                case NodeEvent node:
                    if (!node.Anchor.IsEmpty)
                    {
                        return $"{subject} defines an anchor (&{node.Anchor}, line {line}); anchors and aliases are not allowed.";
                    }

                    if (++nodes > limits.MaxNodes)
                    {
                        return $"{subject} has more than {limits.MaxNodes} YAML nodes (line {line}).";
                    }

                    var isKey = open.Count > 0 && open[^1].Mapping && open[^1].Children % 2 == 0;
                    if (open.Count > 0)
                    {
                        open[^1] = open[^1] with { Children = open[^1].Children + 1 };
                    }

                    if (isKey && node is Scalar { Value: "<<" })
                    {
                        return $"{subject} uses a merge key (<<, line {line}); merge keys are not allowed.";
                    }

                    if (node is MappingStart or SequenceStart)
                    {
                        open.Add((node is MappingStart, 0));
                        if (open.Count > limits.MaxDepth)
                        {
                            return $"{subject} nests deeper than {limits.MaxDepth} levels at line {line}.";
                        }
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    open.RemoveAt(open.Count - 1);
                    break;
            }
        }

        return null;
    }

    private static string Kib(int bytes) => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture);
}
