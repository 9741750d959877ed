namespace KubeAdvisor.Core.Images;

/// <summary>Tag and digest rules of the reference grammar.</summary>
internal static partial class ReferenceGrammar
{
    private const int MaxTagLength = 128;

    /// <summary>algorithm:hex; sha256, sha384 and sha512 with exactly 64, 96 or 128 lowercase hex characters.</summary>
    public static string? CheckDigest(ReadOnlySpan<char> digest)
    {
        if (digest.IsEmpty)
        {
            return "the digest after '@' is empty";
        }

        var colon = digest.IndexOf(':');
        if (colon <= 0)
        {
            return $"the digest '{digest.ToString()}' must be algorithm:hex (e.g. sha256:…)";
        }

        var algorithm = digest[..colon];
        var hex = digest[(colon + 1)..];
        if (!char.IsAsciiLetter(algorithm[0]) || algorithm.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+._-")
            || "+._-".Contains(algorithm[^1]))
        {
            return $"the digest algorithm '{algorithm.ToString()}' is not valid";
        }

        // go-digest (used by distribution and containerd) accepts only the registered algorithms.
        var expected = algorithm switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => 0,
        };
        if (expected == 0)
        {
            return $"the digest algorithm '{algorithm.ToString()}' is not supported (sha256, sha384 or sha512)";
        }

        return hex.Length == expected && !hex.ContainsAnyExcept("0123456789abcdef")
            ? null
            : $"a {algorithm.ToString()} digest must be exactly {expected} lowercase hex characters (got '{Shorten(hex)}', {hex.Length} characters)";
    }

    /// <summary>tag := [\w][\w.-]{0,127}</summary>
    public static string? CheckTag(ReadOnlySpan<char> tag)
    {
        if (tag.IsEmpty)
        {
            return "the tag after ':' is empty";
        }

        if (tag.Length > MaxTagLength)
        {
            return $"the tag is {tag.Length} characters long (at most {MaxTagLength})";
        }

        if (!IsWordChar(tag[0]))
        {
            return $"the tag '{tag.ToString()}' must start with a letter, a digit or '_'";
        }

        foreach (var c in tag)
        {
            if (!IsWordChar(c) && c is not '.' and not '-')
            {
                return $"the tag '{tag.ToString()}' contains '{c}' (allowed: letters, digits, '_', '.', '-')";
            }
        }

        return null;
    }

    private static string Shorten(ReadOnlySpan<char> hex) => hex.Length <= 16 ? hex.ToString() : string.Concat(hex[..12], "…");
}
