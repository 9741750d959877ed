using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubeAdvisor.Kubernetes.Yaml;

/// <summary>
/// YAML ↔ <see cref="JsonNode"/> for documents whose model is JSON (settings files): one YAML document becomes the
/// JSON tree it spells, with plain scalars typed by the YAML 1.2 core schema (null, true/false, numbers) and quoted
/// ones kept as strings; the writer quotes every string a reader would type otherwise. Reading walks the event
/// parser with its own stack, and callers check the text with <see cref="BoundedYaml"/> first.
/// </summary>
public static partial class YamlJson
{
    /// <summary>The tree of the single document in <paramref name="text"/> (null when it is empty).</summary>
    /// <exception cref="FormatException">The YAML is malformed, holds more than one document, or repeats a key.</exception>
    public static JsonNode? Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(new StringReader(text));
        var open = new Stack<(JsonNode Node, string? PendingKey)>();
        JsonNode? root = null;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart when ++documents > 1:
                        throw new FormatException($"Only one YAML document is expected (a second starts at line {parser.Current.Start.Line}).");
                    case MappingStart:
                        Add(open, new JsonObject(), ref root, container: true);
                        break;
                    case SequenceStart:
                        Add(open, new JsonArray(), ref root, container: true);
                        break;
                    case MappingEnd or SequenceEnd:
                        open.Pop();
                        break;
                    case Scalar scalar when open.Count > 0 && open.Peek() is { Node: JsonObject, PendingKey: null } top:
                        if (((JsonObject)top.Node).ContainsKey(scalar.Value))
                        {
                            throw new FormatException($"The key '{scalar.Value}' appears twice (line {scalar.Start.Line}).");
                        }

                        open.Pop();
                        open.Push((top.Node, scalar.Value));
                        break;
                    case Scalar scalar:
                        Add(open, ValueOf(scalar), ref root, container: false);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            throw new FormatException($"Not valid YAML: {e.Message.Split('\n')[0].Trim()} (line {e.Start.Line}).", e);
        }

        return root;
    }

    /// <summary><paramref name="node"/> as one block-style YAML document.</summary>
    public static string Write(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Add(Stack<(JsonNode Node, string? PendingKey)> open, JsonNode? value, ref JsonNode? root, bool container)
    {
        if (open.Count == 0)
        {
            root = value;
        }
        else
        {
            var (parent, key) = open.Pop();
            if (parent is JsonObject obj)
            {
                obj[key!] = value;
            }
            else
            {
                ((JsonArray)parent).Add(value);
            }

            open.Push((parent, null));
        }

        if (container)
        {
            open.Push((value!, null));
        }
    }

    private static JsonNode? ValueOf(Scalar scalar)
    {
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(scalar.Value);
        }

        var v = scalar.Value;
        if (v is "" or "~" || v.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return JsonValue.Create(v.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        return Number().IsMatch(v) && decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(v);
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    Text(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() is JsonValueKind.String:
                Text(emitter, value.GetValue<string>());
                break;
            default:
                emitter.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
        }
    }

    /// <summary>
    /// Emits <paramref name="value"/> as a string scalar, double-quoted when a YAML reader would take it for a null,
    /// a boolean or a number (a namespace named "null" written plain would come back as no namespace).
    /// </summary>
    public static void Text(IEmitter emitter, string value)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        ArgumentNullException.ThrowIfNull(value);
        emitter.Emit(new Scalar(null, null, value, value.Length == 0 || LooksTyped().IsMatch(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any,
            isPlainImplicit: true, isQuotedImplicit: true));
    }

    [GeneratedRegex(@"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")]
    private static partial Regex Number();

    [GeneratedRegex(@"^(~|null|true|false|yes|no|on|off|y|n|[-+]?(\.inf|\.nan|[0-9._]+([eE][-+]?[0-9]+)?|0x[0-9a-f_]+|0o[0-7_]+))$", RegexOptions.IgnoreCase)]
    private static partial Regex LooksTyped();
}
