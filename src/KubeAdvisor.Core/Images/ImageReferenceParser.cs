namespace KubeAdvisor.Core.Images;

/// <summary>
/// Hand-written parser for the distribution reference grammar: scans once, allocates nothing for a valid
/// reference (the struct keeps offsets) and only the error text for an invalid one.
/// </summary>
internal static class ImageReferenceParser
{
    private const int MaxNameLength = 255;
    private const int MaxTotalLength = 1024;

    public static ImageReference Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ImageReference.Invalid(string.Empty, "the image reference is empty");
        }

        if (text.Length > MaxTotalLength)
        {
            return ImageReference.Invalid(text, $"the reference is {text.Length} characters long (at most {MaxTotalLength})");
        }

        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return ImageReference.Invalid(text, "the reference has leading or trailing whitespace");
        }

        var nameEnd = text.Length;
        var digestStart = 0;
        var at = text.IndexOf('@');
        if (at >= 0)
        {
            if (text.IndexOf('@', at + 1) >= 0)
            {
                return ImageReference.Invalid(text, "the reference has more than one '@'");
            }

            var digestError = ReferenceGrammar.CheckDigest(text.AsSpan(at + 1));
            if (digestError is not null)
            {
                return ImageReference.Invalid(text, digestError);
            }

            nameEnd = at;
            digestStart = at + 1;
        }

        var name = text.AsSpan(0, nameEnd);
        var lastSlash = name.LastIndexOf('/');
        var colon = name[(lastSlash + 1)..].IndexOf(':');
        var tagStart = 0;
        var tagLength = 0;
        if (colon >= 0)
        {
            colon += lastSlash + 1;
            tagStart = colon + 1;
            tagLength = nameEnd - tagStart;
            var tag = text.AsSpan(tagStart, tagLength);
            var tagError = tag.Contains(':')
                ? $"'{text[..nameEnd]}' has more than one ':' after the last '/' (a reference has at most one tag)"
                : ReferenceGrammar.CheckTag(tag);
            if (tagError is not null)
            {
                return ImageReference.Invalid(text, tagError);
            }

            nameEnd = colon;
        }

        return ParseName(text, nameEnd, tagStart, tagLength, digestStart);
    }

    private static ImageReference ParseName(string text, int nameEnd, int tagStart, int tagLength, int digestStart)
    {
        var name = text.AsSpan(0, nameEnd);
        if (name.IsEmpty)
        {
            return ImageReference.Invalid(text, "the reference has no repository name");
        }

        if (name.Length > MaxNameLength)
        {
            return ImageReference.Invalid(text, $"the repository name is {name.Length} characters long (at most {MaxNameLength})");
        }

        var registryLength = 0;
        var portStart = 0;
        var firstSlash = name.IndexOf('/');
        if (firstSlash >= 0 && ReferenceGrammar.LooksLikeRegistry(name[..firstSlash]))
        {
            var hostError = ReferenceGrammar.CheckRegistry(name[..firstSlash], out var portOffset);
            if (hostError is not null)
            {
                return ImageReference.Invalid(text, hostError);
            }

            registryLength = firstSlash;
            portStart = portOffset;
        }

        var repositoryStart = registryLength == 0 ? 0 : registryLength + 1;
        var path = name[repositoryStart..];
        var pathError = ReferenceGrammar.CheckPath(path);
        if (pathError is not null)
        {
            return ImageReference.Invalid(text, pathError);
        }

        if (registryLength == 0 && tagStart == 0 && digestStart == 0 && ReferenceGrammar.IsImageId(path))
        {
            return ImageReference.Invalid(text, "a 64-character hex string is an image id, not a repository name");
        }

        return ImageReference.Valid(text, registryLength, portStart, repositoryStart, path.Length, tagStart, tagLength, digestStart);
    }
}
