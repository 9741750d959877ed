using System.Globalization;
using System.Text;
using System.Text.Json;
using KubeAdvisor.Kubernetes.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>
/// Reads manifest files (YAML streams of any number of documents, or JSON) into <see cref="ManifestObject"/>s: the JSON
/// of each object for the item readers of a live scan, plus the source lines of its <c>kind:</c> and its containers'
/// <c>image:</c>. One pass over YamlDotNet's event parser or <see cref="Utf8JsonReader"/> (neither recurses, and no
/// typed model is involved, so this runs under NativeAOT), bounded by <see cref="Limits"/>. Plain YAML scalars are
/// typed by the YAML 1.2 core schema (null, true/false, numbers), quoted ones stay text, as kubectl sends them.
/// Anchors and aliases are refused (decision 0029).
/// </summary>
public static class ManifestReader
{
    /// <summary>32 MiB and 64 levels per file (Kubernetes objects nest about 15 levels; the item readers accept 64).</summary>
    public static YamlLimits Limits { get; } = new(MaxBytes: 32 * 1024 * 1024, MaxDepth: 64, MaxNodes: 8_000_000, MaxDocuments: 200_000);

    /// <summary>Reads one file's content.</summary>
    /// <param name="content">The bytes (UTF-8, with or without a byte-order mark).</param>
    /// <param name="file">The name errors and objects carry.</param>
    /// <param name="json">True for JSON (one or more top-level values), false for YAML.</param>
    /// <param name="uidPrefix">
    /// When set, an object without metadata.uid gets <c>{uidPrefix}{n}</c>, so two objects of the same name in different
    /// files (a base and its overlay) stay two workloads; null keeps objects as written (the same name replaces).
    /// </param>
    /// <exception cref="ManifestException">The content is malformed or beyond <see cref="Limits"/>.</exception>
    public static IReadOnlyList<ManifestObject> Read(ReadOnlySpan<byte> content, string file, bool json, string? uidPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (content.Length > Limits.MaxBytes)
        {
            throw new ManifestException(file, 0,
                $"is {content.Length / 1024.0 / 1024.0:0.#} MiB; at most {Limits.MaxBytes / 1024 / 1024} MiB per file is read.".Replace(',', '.'));
        }

        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        var walker = new ManifestWalker(file, Limits, uidPrefix);
        if (json)
        {
            WalkJson(content, walker, file);
        }
        else
        {
            WalkYaml(Encoding.UTF8.GetString(content), walker, file);
        }

        return walker.Objects;
    }

    /// <summary>True when the content looks like JSON (its first character is <c>{</c> or <c>[</c>), for input without a file name.</summary>
    public static bool LooksLikeJson(ReadOnlySpan<byte> content)
    {
        var trimmed = content.StartsWith("\uFEFF"u8) ? content[3..] : content;
        var i = trimmed.IndexOfAnyExcept(" \t\r\n"u8);
        return i >= 0 && trimmed[i] is (byte)'{' or (byte)'[';
    }

    private static void WalkYaml(string text, ManifestWalker walker, string file)
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
                    throw walker.Error(line, $"defines an anchor (&{anchored.Anchor}); anchors and aliases are not supported in manifests.");
                }

                switch (e)
                {
                    case DocumentStart:
                        walker.StartDocument(line);
                        break;
                    case DocumentEnd:
                        walker.EndDocument();
                        break;
                    case AnchorAlias alias:
                        throw walker.Error(line, $"uses an alias (*{alias.Value}); anchors and aliases are not supported in manifests.");
                    case MappingStart:
                        walker.StartMapping(line);
                        break;
                    case MappingEnd:
                        walker.EndMapping();
                        break;
                    case SequenceStart:
                        walker.StartSequence(line);
                        break;
                    case SequenceEnd:
                        walker.EndSequence();
                        break;
                    case Scalar scalar when walker.ExpectsKey:
                        walker.Key(scalar.Value, line);
                        break;
                    case Scalar scalar:
                        Value(scalar, walker, line);
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

    private static void Value(Scalar scalar, ManifestWalker walker, int line)
    {
        var v = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (scalar.Style is not ScalarStyle.Plain && tag is null))
        {
            walker.String(v, line);
        }
        else if (v is "" or "~" or "null" or "Null" or "NULL")
        {
            walker.Null(line);
        }
        else if (v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            walker.Bool(v[0] is 't' or 'T', line);
        }
        else if (YamlNumber.IsJsonNumber(v))
        {
            walker.Number(Encoding.UTF8.GetBytes(v), line);
        }
        else if (YamlNumber.TryParse(v, out var number))
        {
            walker.Number(number, line);
        }
        else
        {
            walker.String(v, line);
        }
    }

    private static void WalkJson(ReadOnlySpan<byte> content, ManifestWalker walker, string file)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = content.IndexOf((byte)'\n'); i >= 0; i = content[(i + 1)..].IndexOf((byte)'\n') is var n and >= 0 ? i + 1 + n : -1)
        {
            lineStarts.Add(i + 1);
        }

        var reader = new Utf8JsonReader(content, new JsonReaderOptions
        {
            AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = Limits.MaxDepth + 1,
        });
        try
        {
            while (reader.Read())
            {
                var index = lineStarts.BinarySearch((int)reader.TokenStartIndex);
                var line = (index >= 0 ? index : ~index - 1) + 1;
                var top = reader.CurrentDepth == 0;
                if (top && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
                {
                    walker.StartDocument(line);
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        walker.StartMapping(line);
                        break;
                    case JsonTokenType.EndObject:
                        walker.EndMapping();
                        break;
                    case JsonTokenType.StartArray:
                        walker.StartSequence(line);
                        break;
                    case JsonTokenType.EndArray:
                        walker.EndSequence();
                        break;
                    case JsonTokenType.PropertyName:
                        walker.Key(reader.GetString()!, line);
                        break;
                    case JsonTokenType.String:
                        walker.String(reader.GetString()!, line);
                        break;
                    case JsonTokenType.Number:
                        walker.Number(reader.ValueSpan, line);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        walker.Bool(reader.TokenType == JsonTokenType.True, line);
                        break;
                    case JsonTokenType.Null:
                        walker.Null(line);
                        break;
                }

                if (top && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    walker.EndDocument();
                }
            }
        }
        catch (JsonException e)
        {
            throw new ManifestException(file, (int)(e.LineNumber ?? 0) + 1, $"not valid JSON: {e.Message.Split(" LineNumber")[0].TrimEnd('.', ' ')}.", e);
        }
    }

    /// <summary>YAML 1.2 core-schema numbers: those already valid JSON are copied; the others (+1, .5, 0x1F, 0o17) converted.</summary>
    private static class YamlNumber
    {
        public static bool IsJsonNumber(string v)
        {
            var i = 0;
            if (i < v.Length && v[i] == '-')
            {
                i++;
            }

            var digits = Digits(v, ref i);
            if (digits == 0 || (digits > 1 && v[i - digits] == '0'))
            {
                return false;
            }

            if (i < v.Length && v[i] == '.')
            {
                i++;
                if (Digits(v, ref i) == 0)
                {
                    return false;
                }
            }

            if (i < v.Length && v[i] is 'e' or 'E')
            {
                i++;
                if (i < v.Length && v[i] is '+' or '-')
                {
                    i++;
                }

                if (Digits(v, ref i) == 0)
                {
                    return false;
                }
            }

            return i == v.Length;
        }

        public static bool TryParse(string v, out decimal value)
        {
            value = 0;
            if (v.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(v.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                value = hex;
                return true;
            }

            if (v.StartsWith("0o", StringComparison.Ordinal) && v.Length > 2 && v.AsSpan(2).IndexOfAnyExcept("01234567") < 0)
            {
                value = Convert.ToInt64(v[2..], 8);
                return true;
            }

            // [-+]? ( . digits | digits ( . digits? )? ) ( [eE] [-+]? digits )?
            var body = v.TrimStart('+', '-');
            if (body.Length == 0 || v.Length - body.Length > 1 || !(char.IsAsciiDigit(body[0]) || (body[0] == '.' && body.Length > 1 && char.IsAsciiDigit(body[1]))))
            {
                return false;
            }

            return body.AsSpan().IndexOfAnyExcept("0123456789.eE+-") < 0
                && decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        private static int Digits(string v, ref int i)
        {
            var start = i;
            while (i < v.Length && char.IsAsciiDigit(v[i]))
            {
                i++;
            }

            return i - start;
        }
    }
}
