namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>
/// A fast path for the YAML that manifests are nearly always written in (what kubectl, Helm and kustomize print): block
/// mappings and sequences indented with spaces, one-line plain and quoted scalars, one-line flow collections, comments
/// and <c>---</c> between documents. It emits the events YamlDotNet's parser would, with the same lines, and gives up
/// (returns false, having emitted part of them) on anything else: block scalars, multi-line scalars, anchors, tags,
/// escapes, tabs, empty values, complex keys, directives, anything invalid. The caller then reads the whole text again
/// with <see cref="YamlEventParser"/>, so whatever the fast path does not take behaves exactly as before (decision 0035;
/// <c>FastYamlTests</c> compares both event by event).
/// </summary>
internal sealed partial class FastYaml
{
    private readonly char[] _text;
    private readonly int _length;
    private readonly IYamlEvents _events;
    private readonly List<Block> _blocks = [];
    private readonly List<bool> _flow = [];
    private int _line;
    private bool _documentOpen;
    private bool _rootSeen;
    private int _explicitStart; // the line of a '---' whose document has no content yet (0: none)
    private bool _awaiting; // the innermost block's last key or '-' has no value on its line: a nested block must follow

    private FastYaml(char[] text, int length, IYamlEvents events)
    {
        _text = text;
        _length = length;
        _events = events;
    }

    /// <summary>
    /// Emits the events of the first <paramref name="length"/> characters of <paramref name="text"/> (a pooled buffer:
    /// no copy of a large file as a string); false when they are not in the subset (events emitted so far are void).
    /// </summary>
    public static bool TryWalk(char[] text, int length, IYamlEvents events) =>
        OnlyPlainCharacters(text.AsSpan(0, length)) && new FastYaml(text, length, events).Run();

    /// <summary>Emits the events of <paramref name="text"/>, as <see cref="TryWalk(char[], int, IYamlEvents)"/>.</summary>
    public static bool TryWalk(string text, IYamlEvents events) => TryWalk(text.ToCharArray(), text.Length, events);

    private bool Run()
    {
        var pos = 0;
        while (pos < _length)
        {
            var newline = Array.IndexOf(_text, '\n', pos, _length - pos);
            var next = newline < 0 ? _length : newline + 1;
            var end = newline < 0 ? _length : newline;
            if (end > pos && _text[end - 1] == '\r')
            {
                end--;
            }

            _line++;
            if (!Line(pos, end))
            {
                return false;
            }

            pos = next;
        }

        return EndDocument() && _explicitStart == 0;
    }

    private bool Line(int start, int end)
    {
        var c = start;
        while (c < end && _text[c] == ' ')
        {
            c++;
        }

        if (c == end || _text[c] == '#')
        {
            return true; // blank or a comment
        }

        var indent = c - start;
        if (indent == 0 && _text[c] is '-' or '.' or '%' && !IsDash(c, end))
        {
            // '---' (with at most a comment) starts a document; '...', directives and scalars that merely start like them
            // are left to YamlDotNet.
            return end - c >= 3 && _text.AsSpan(c, 3).SequenceEqual("---") && Trailing(c + 3, end) && StartExplicitDocument();
        }

        if (!_documentOpen)
        {
            _events.DocumentStart(_explicitStart > 0 ? _explicitStart : _line);
            (_documentOpen, _rootSeen, _explicitStart) = (true, false, 0);
        }

        return Content(start, c, end, IsDash(c, end));
    }

    private bool StartExplicitDocument()
    {
        if (_explicitStart > 0 || !EndDocument())
        {
            return false; // an empty document
        }

        _explicitStart = _line;
        return true;
    }

    private bool EndDocument()
    {
        if (!_documentOpen)
        {
            return true;
        }

        if (_awaiting)
        {
            return false; // an empty value
        }

        while (_blocks.Count > 0)
        {
            Pop();
        }

        _events.DocumentEnd();
        _documentOpen = false;
        return true;
    }

    private bool Content(int start, int c, int end, bool dash)
    {
        var indent = c - start;
        if (_blocks.Count == 0)
        {
            if (_rootSeen)
            {
                return false; // a second root node
            }

            _rootSeen = true;
            return Open(start, c, end, dash, indentless: false);
        }

        if (_awaiting)
        {
            _awaiting = false;
            var top = _blocks[^1];
            return indent > top.Indent ? Open(start, c, end, dash, indentless: false)
                : indent == top.Indent && top.Mapping && dash && Open(start, c, end, dash, indentless: true);
        }

        while (_blocks.Count > 0 && (_blocks[^1].Indent > indent || (_blocks[^1] is { Indentless: true } s && s.Indent == indent && !dash)))
        {
            Pop();
        }

        if (_blocks.Count == 0 || _blocks[^1].Indent != indent || _blocks[^1].Mapping == dash)
        {
            return false; // a line that continues a scalar, or indentation YAML refuses
        }

        return dash ? SequenceEntry(start, c, end) : MappingEntry(c, end);
    }

    private bool Open(int start, int c, int end, bool dash, bool indentless)
    {
        _blocks.Add(new Block(Mapping: !dash, c - start, indentless));
        if (dash)
        {
            _events.SequenceStart(_line);
            return SequenceEntry(start, c, end);
        }

        _events.MappingStart(_line);
        return MappingEntry(c, end);
    }

    private void Pop()
    {
        var block = _blocks[^1];
        _blocks.RemoveAt(_blocks.Count - 1);
        if (block.Mapping)
        {
            _events.MappingEnd();
        }
        else
        {
            _events.SequenceEnd();
        }
    }

    // "key: value", "key:" (a nested block follows) or "key: # comment".
    private bool MappingEntry(int c, int end)
    {
        if (!Key(c, end, out var colon))
        {
            return false;
        }

        var p = Skip(colon + 1, end);
        if (p == end || _text[p] == '#')
        {
            _awaiting = true;
            return true;
        }

        return InlineValue(p, end);
    }

    // "- value", "- key: value" (a mapping in the entry, indented at its key) or "-" (a nested block follows).
    private bool SequenceEntry(int start, int c, int end)
    {
        var p = Skip(c + 1, end);
        if (p == end || _text[p] == '#')
        {
            _awaiting = true;
            return true;
        }

        if (IsDash(p, end))
        {
            return false; // "- - x"
        }

        if (IsKeyLine(p, end))
        {
            _blocks.Add(new Block(Mapping: true, p - start, Indentless: false));
            _events.MappingStart(_line);
            return MappingEntry(p, end);
        }

        return InlineValue(p, end);
    }

    private bool InlineValue(int p, int end)
    {
        switch (_text[p])
        {
            case '"' or '\'':
                if (!Quoted(ref p, end, out var text))
                {
                    return false;
                }

                _events.Scalar(text, typed: false, _line);
                return Trailing(p, end);
            case '[' or '{':
                return Flow(ref p, end) && Trailing(p, end);
            default:
                var stop = PlainEnd(p, end);
                if (stop < 0)
                {
                    return false;
                }

                _events.Scalar(new string(_text, p, stop - p), typed: true, _line);
                return true;
        }
    }

    private bool IsDash(int c, int end) => _text[c] == '-' && (c + 1 == end || _text[c + 1] == ' ');

    private int Skip(int p, int end)
    {
        while (p < end && _text[p] == ' ')
        {
            p++;
        }

        return p;
    }

    // After a quoted scalar or a flow collection: nothing but spaces and a comment.
    private bool Trailing(int p, int end)
    {
        var q = Skip(p, end);
        return q == end || (q > p && _text[q] == '#');
    }

    private readonly record struct Block(bool Mapping, int Indent, bool Indentless);
}
