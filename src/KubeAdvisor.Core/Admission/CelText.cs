using System.Globalization;
using System.Text;

namespace KubeAdvisor.Core.Admission;

/// <summary>
/// Text helpers for the generated CEL: string literals, and regular expressions in the common subset of RE2 (what
/// Kubernetes runs) and .NET (what the tests run): no <c>\s</c> or <c>\d</c> (they differ on non-ASCII), no
/// <c>(?i)</c> (ASCII letters are spelled as classes), and <c>\z</c> instead of <c>$</c> (.NET's <c>$</c> also matches
/// before a final newline).
/// </summary>
internal static class CelText
{
    /// <summary>ASCII whitespace, as a character class.</summary>
    public const string Space = @"[\t\n\v\f\r ]";

    /// <summary>A CEL single-quoted string literal.</summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '\'' => sb.Append(@"\'"),
                < ' ' or '\u007f' => sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => sb.Append(c),
            };
        }

        return sb.Append('\'').ToString();
    }

    /// <summary>A regular expression literal matching <paramref name="text"/> exactly (ordinal).</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            AppendLiteral(sb, c);
        }

        return sb.ToString();
    }

    /// <summary>A regular expression matching <paramref name="text"/> with ASCII letters in either case.</summary>
    public static string IgnoreCase(string text)
    {
        var sb = new StringBuilder(text.Length * 4);
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                sb.Append('[').Append(char.ToUpperInvariant(c)).Append(char.ToLowerInvariant(c)).Append(']');
            }
            else
            {
                AppendLiteral(sb, c);
            }
        }

        return sb.ToString();
    }

    /// <summary><c>text.matches('regex')</c>.</summary>
    public static string Matches(string text, string regex) => $"{text}.matches({Quote(regex)})";

    /// <summary><c>a &amp;&amp; b &amp;&amp; …</c>, each part in parentheses; <c>true</c> when empty.</summary>
    public static string And(params string[] parts) => parts.Length == 0 ? "true" : string.Join(" && ", parts.Select(p => $"({p})"));

    /// <summary><c>a || b || …</c>, each part in parentheses; <c>false</c> when empty.</summary>
    public static string Or(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count == 0 ? "false" : string.Join(" || ", list.Select(p => $"({p})"));
    }

    /// <summary>
    /// <c>has(x.a) &amp;&amp; has(x.a.b) …</c>: CEL's <c>has</c> tests the last field only, and selecting a missing
    /// field is an error, so every level is tested.
    /// </summary>
    public static string Has(string root, params string[] path)
    {
        var parts = new List<string>();
        var current = root;
        foreach (var field in path)
        {
            current += "." + field;
            parts.Add($"has({current})");
        }

        return string.Join(" && ", parts);
    }

    /// <summary><c>root.a.b</c>.</summary>
    public static string Path(string root, params string[] path) => path.Length == 0 ? root : root + "." + string.Join('.', path);

    private static void AppendLiteral(StringBuilder sb, char c)
    {
        if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
        {
            sb.Append('\\').Append(c);
        }
        else if (c < ' ' || c == '\u007f')
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
        }
        else
        {
            sb.Append(c);
        }
    }
}
