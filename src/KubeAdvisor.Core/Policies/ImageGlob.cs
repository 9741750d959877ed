namespace KubeAdvisor.Core.Policies;

/// <summary>Glob matching for image exemptions: '*' matches any run of characters (including '/'), '?' one character.</summary>
public static class ImageGlob
{
    /// <summary>True when <paramref name="text"/> matches <paramref name="pattern"/> entirely (ordinal, case-sensitive).</summary>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        // Iterative wildcard matching with single backtrack point: linear in practice, no regex, no allocation.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
