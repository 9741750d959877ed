using System.Buffers;
using System.Text;
using System.Text.Json;
using KubeAdvisor.Kubernetes.Yaml;

namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>
/// Reads manifest files (YAML streams of any number of documents, or JSON) into <see cref="ManifestObject"/>s: the JSON
/// of each object for the item readers of a live scan, plus the source lines of its <c>kind:</c> and its containers'
/// <c>image:</c>. One pass over YAML events (<see cref="FastYaml"/> for the common block style, else YamlDotNet's event parser) or <see cref="Utf8JsonReader"/> (neither recurses, and no
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
            return walker.Objects;
        }

        // Decoded into a pooled buffer: the fast path needs no string of the whole file.
        var text = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(content.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(content, text);
            if (TryFast(text, length, walker))
            {
                return walker.Objects;
            }

            // Anything the fast path does not take (or an error in the file) is read again from the start by YamlDotNet,
            // so errors, their lines and every unusual construct are YamlDotNet's (decision 0035).
            walker = new ManifestWalker(file, Limits, uidPrefix);
            YamlEventParser.Walk(new string(text, 0, length), file, new ManifestYamlEvents(walker));
            return walker.Objects;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(text);
        }
    }

    /// <summary>True when the content looks like JSON (its first character is <c>{</c> or <c>[</c>), for input without a file name.</summary>
    public static bool LooksLikeJson(ReadOnlySpan<byte> content)
    {
        var trimmed = content.StartsWith("\uFEFF"u8) ? content[3..] : content;
        var i = trimmed.IndexOfAnyExcept(" \t\r\n"u8);
        return i >= 0 && trimmed[i] is (byte)'{' or (byte)'[';
    }

    private static bool TryFast(char[] text, int length, ManifestWalker walker)
    {
        try
        {
            return FastYaml.TryWalk(text, length, new ManifestYamlEvents(walker));
        }
        catch (ManifestException)
        {
            return false; // over a limit: YamlDotNet's pass reports it (or the syntax error before it) at its line
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
}
