using System.Text;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// Writes flat JSON the way PostgreSQL prints jsonb: keys ordered by UTF-8 length, then bytes; ", " and ": " between
/// items; only quotes, backslashes and control characters escaped. A workload's stored jsonb then hashes as the fresh
/// text does (<see cref="StoredWorkload"/>), and the scan need not hold or parse the stored texts to find them equal.
/// Anything printed differently only costs a write that the database finds unneeded (<see cref="BulkCopy.UpdateAsync"/>
/// compares jsonb by meaning and leaves such a row as it is).
/// </summary>
internal static class JsonbText
{
    public static string Object(IEnumerable<KeyValuePair<string, string?>> members)
    {
        var sorted = members.ToArray();
        if (sorted.Length > 1)
        {
            System.Array.Sort(sorted, static (a, b) => JsonbKeyOrder.Instance.Compare(a.Key, b.Key));
        }

        var sb = new StringBuilder("{");
        var first = true;
        foreach (var (key, value) in sorted)
        {
            sb.Append(first ? "" : ", ");
            first = false;
            AppendString(sb, key);
            sb.Append(": ");
            if (value is null)
            {
                sb.Append("null");
            }
            else
            {
                AppendString(sb, value);
            }
        }

        return sb.Append('}').ToString();
    }

    public static string Array(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    private static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\b' => sb.Append("\\b"),
                '\f' => sb.Append("\\f"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                < ' ' => sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        sb.Append('"');
    }

    private sealed class JsonbKeyOrder : IComparer<string>
    {
        public static readonly JsonbKeyOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            x ??= "";
            y ??= "";
            if (Ascii.IsValid(x) && Ascii.IsValid(y))
            {
                // One byte per character: the usual case (annotation keys, our own member names) needs no encoding.
                return x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);
            }

            var a = Encoding.UTF8.GetBytes(x);
            var b = Encoding.UTF8.GetBytes(y);
            return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.AsSpan().SequenceCompareTo(b);
        }
    }
}
