namespace KubeAdvisor.Core.Admission;

/// <summary>
/// References matching an image glob (<c>ImageGlob</c>: '*' any run of characters including '/', '?' one, ordinal),
/// as regular expressions. Reading a qualified prefix is the glob's derivative: the set of glob positions that can
/// follow it, each a remainder.
/// </summary>
internal sealed class ImageGlobPattern(string glob) : NormalizedPattern
{
    /// <summary>The glob as a regular expression over the whole text.</summary>
    public string Whole => "^" + Remainder(0);

    public override string? After(string consumed)
    {
        var positions = Closure([0]);
        foreach (var c in consumed)
        {
            var next = new HashSet<int>();
            foreach (var p in positions)
            {
                if (p < glob.Length && glob[p] == '*')
                {
                    next.Add(p);
                }
                else if (p < glob.Length && (glob[p] == '?' || glob[p] == c))
                {
                    next.Add(p + 1);
                }
            }

            positions = Closure(next);
        }

        if (positions.Count == 0)
        {
            return null;
        }

        // A position at a '*' has the others after it in its closure: its remainder covers theirs, but keeping them is harmless.
        var remainders = positions.Order().Select(Remainder).Distinct(StringComparer.Ordinal).ToList();
        return remainders.Count == 1 ? remainders[0] : $"(?:{string.Join('|', remainders)})";
    }

    private HashSet<int> Closure(IEnumerable<int> start)
    {
        var set = new HashSet<int>();
        foreach (var s in start)
        {
            var p = s;
            while (set.Add(p) && p < glob.Length && glob[p] == '*')
            {
                p++;
            }
        }

        return set;
    }

    private string Remainder(int from)
    {
        var sb = new System.Text.StringBuilder("(?s)");
        for (var i = from; i < glob.Length; i++)
        {
            sb.Append(glob[i] switch
            {
                '*' => ".*",
                '?' => ".",
                var c => CelText.Literal(c.ToString()),
            });
        }

        return sb.Append(@"\z").ToString();
    }
}
