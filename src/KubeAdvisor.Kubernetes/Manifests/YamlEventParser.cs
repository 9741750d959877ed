using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>
/// Reads YAML with YamlDotNet's event parser (the reference: any YAML, with its error messages and lines) into
/// <see cref="IYamlEvents"/>. Anchors and aliases are refused (decision 0029).
/// </summary>
internal static class YamlEventParser
{
    /// <exception cref="ManifestException">The text is not valid YAML, or uses an anchor or alias.</exception>
    public static void Walk(string text, string file, IYamlEvents events)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                var line = (int)e.Start.Line;
                if (e is NodeEvent { Anchor.IsEmpty: false } anchored)
                {
                    throw new ManifestException(file, line, $"defines an anchor (&{anchored.Anchor}); anchors and aliases are not supported in manifests.");
                }

                switch (e)
                {
                    case DocumentStart:
                        events.DocumentStart(line);
                        break;
                    case DocumentEnd:
                        events.DocumentEnd();
                        break;
                    case AnchorAlias alias:
                        throw new ManifestException(file, line, $"uses an alias (*{alias.Value}); anchors and aliases are not supported in manifests.");
                    case MappingStart:
                        events.MappingStart(line);
                        break;
                    case MappingEnd:
                        events.MappingEnd();
                        break;
                    case SequenceStart:
                        events.SequenceStart(line);
                        break;
                    case SequenceEnd:
                        events.SequenceEnd();
                        break;
                    case Scalar scalar:
                        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
                        var asText = tag is "tag:yaml.org,2002:str" || (scalar.Style is not ScalarStyle.Plain && tag is null);
                        events.Scalar(scalar.Value, !asText, line);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            throw new ManifestException(file, (int)e.Start.Line, $"not valid YAML: {e.Message.Split('\n')[0].Trim()}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections; the parser's position is the place.
            throw new ManifestException(file, (int)(parser.Current?.End.Line ?? 0), "not valid YAML (an unclosed '{' or '[' around here?).", e);
        }
    }
}
