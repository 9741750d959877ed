using System.Globalization;
using System.Text;

namespace KubeAdvisor.Core.Admission;

/// <summary>YAML scalars for the generated manifests: double-quoted (always valid), or a literal block for a long expression.</summary>
internal static class YamlText
{
    /// <summary>A double-quoted YAML scalar.</summary>
    public static string Quoted(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append(@"\\"),
                < ' ' or '\u007f' or '\u0085' or '\u2028' or '\u2029' or '\ufeff' => sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }

    /// <summary>
    /// <c>key: value</c> at <paramref name="indent"/>: a literal block (<c>|-</c>, no escaping, so regular expressions
    /// read as written) when the value is one line of printable characters, else double-quoted.
    /// </summary>
    public static string Field(string indent, string key, string value)
    {
        var printable = value.Length > 0 && value.All(c => c >= ' ' && c is not ('\u007f' or '\u0085' or '\u2028' or '\u2029' or '\ufeff'))
            && value[0] != ' ' && value[^1] != ' ';
        return printable
            ? $"{indent}{key}: |-\n{indent}  {value}\n"
            : $"{indent}{key}: {Quoted(value)}\n";
    }

    /// <summary>A comment line with line breaks removed.</summary>
    public static string Comment(string text) =>
        "# " + new string(text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c).ToArray()) + "\n";
}
