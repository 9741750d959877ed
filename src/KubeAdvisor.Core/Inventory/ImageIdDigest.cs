namespace KubeAdvisor.Core.Inventory;

/// <summary>Extracts the digest from a container status imageID.</summary>
internal static class ImageIdDigest
{
    /// <summary>
    /// <c>docker-pullable://nginx@sha256:ab…</c>, <c>docker.io/library/nginx@sha256:ab…</c> and <c>sha256:ab…</c>
    /// all give <c>sha256:ab…</c>; an imageID without a recognisable digest is returned as it is.
    /// </summary>
    public static string Extract(string imageId)
    {
        var s = imageId.AsSpan().Trim();
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            s = s[(scheme + 3)..];
        }

        var at = s.LastIndexOf('@');
        if (at >= 0)
        {
            s = s[(at + 1)..];
        }

        return IsDigest(s) ? s.ToString() : imageId;
    }

    private static bool IsDigest(ReadOnlySpan<char> s)
    {
        var colon = s.IndexOf(':');
        if (colon <= 0 || colon == s.Length - 1)
        {
            return false;
        }

        foreach (var c in s[..colon])
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '+' or '.' or '_' or '-'))
            {
                return false;
            }
        }

        foreach (var c in s[(colon + 1)..])
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
