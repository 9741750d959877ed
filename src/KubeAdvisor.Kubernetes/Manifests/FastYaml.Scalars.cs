using System.Buffers;

namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>The fast path's scalars and keys.</summary>
internal sealed partial class FastYaml
{
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(
        "\n !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly SearchValues<char> Indicators = SearchValues.Create("-?:,[]{}#&*!|>'\"%@`");

    // Printable text without tabs, other control characters, lone carriage returns, Unicode line breaks or surrogates:
    // whatever YamlDotNet treats specially (or refuses) is left to it.
    private static bool OnlyPlainCharacters(ReadOnlySpan<char> span)
    {
        for (var i = span.IndexOfAnyExcept(PlainAscii); i >= 0;)
        {
            var ch = span[i];
            var fine = ch == '\r' ? i + 1 < span.Length && span[i + 1] == '\n'
                : ch >= '\u00A0' && ch is < '\uD800' or (>= '\uE000' and <= '\uFFFD') && ch is not ('\u2028' or '\u2029' or '\uFEFF');
            if (!fine)
            {
                return false;
            }

            var next = span[(i + 1)..].IndexOfAnyExcept(PlainAscii);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return true;
    }

    // A mapping key (plain or quoted) followed by ':' and a space or the line's end; emits it.
    private bool Key(int c, int end, out int colon)
    {
        colon = -1;
        if (_text[c] is '"' or '\'')
        {
            var p = c;
            if (!Quoted(ref p, end, out var quoted) || !IsSeparator(p, end))
            {
                return false;
            }

            _events.Scalar(quoted, typed: false, _line);
            colon = p;
            return true;
        }

        var at = PlainKeyColon(c, end);
        if (at < 0 || _text[at - 1] == ' ')
        {
            return false;
        }

        _events.Scalar(new string(_text, c, at - c), typed: true, _line);
        colon = at;
        return true;
    }

    // True when a sequence entry's content is "key: ..." (a mapping) rather than a value.
    private bool IsKeyLine(int p, int end)
    {
        if (_text[p] is '"' or '\'')
        {
            return Quoted(ref p, end, out _) && IsSeparator(p, end);
        }

        return PlainKeyColon(p, end) >= 0;
    }

    // The ':' that ends a plain key starting at c, or -1 (no such ':' before the end or a comment, or c cannot start one).
    private int PlainKeyColon(int c, int end)
    {
        if (Indicators.Contains(_text[c]))
        {
            return -1;
        }

        for (var i = c + 1; i < end; i++)
        {
            if (_text[i] == ':' && IsSeparator(i, end))
            {
                return i;
            }

            if (_text[i] == '#' && _text[i - 1] == ' ')
            {
                return -1;
            }
        }

        return -1;
    }

    private bool IsSeparator(int i, int end) => i < end && _text[i] == ':' && (i + 1 == end || _text[i + 1] == ' ');

    // Where a one-line plain value starting at p ends (before a comment and trailing spaces), or -1 when it is not one.
    private int PlainEnd(int p, int end)
    {
        var first = _text[p];
        if (Indicators.Contains(first) && !(first == '-' && p + 1 < end && _text[p + 1] != ' '))
        {
            return -1;
        }

        var stop = end;
        for (var i = p + 1; i < end; i++)
        {
            if (_text[i] == ':' && (i + 1 == end || _text[i + 1] == ' '))
            {
                return -1; // "a: b: c" is an error; YamlDotNet says so
            }

            if (_text[i] == '#' && _text[i - 1] == ' ')
            {
                stop = i;
                break;
            }
        }

        while (_text[stop - 1] == ' ')
        {
            stop--;
        }

        return stop;
    }

    // A quoted scalar that ends on its line: single-quoted with '' for a quote, double-quoted without escapes.
    private bool Quoted(ref int p, int end, out string text)
    {
        text = "";
        var first = p + 1;
        if (_text[p] == '"')
        {
            var close = _text.AsSpan(first, end - first).IndexOfAny('"', '\\');
            if (close < 0 || _text[first + close] == '\\')
            {
                return false;
            }

            text = new string(_text, first, close);
            p = first + close + 1;
            return true;
        }

        var escaped = false;
        for (var i = first; i < end; i++)
        {
            if (_text[i] != '\'')
            {
                continue;
            }

            if (i + 1 < end && _text[i + 1] == '\'')
            {
                escaped = true;
                i++;
                continue;
            }

            text = new string(_text, first, i - first);
            text = escaped ? text.Replace("''", "'", StringComparison.Ordinal) : text;
            p = i + 1;
            return true;
        }

        return false;
    }
}
