namespace KubeAdvisor.Web.Infrastructure.Csv;

/// <summary>
/// One RFC 4180 CSV cell. A value a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed
/// with a quote, because exported findings contain text from the cluster (names, images, messages).
/// </summary>
public static class CsvCell
{
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
