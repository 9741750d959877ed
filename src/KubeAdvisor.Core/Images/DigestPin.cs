namespace KubeAdvisor.Core.Images;

/// <summary>
/// The way back after a tag moved: the digest that ran before the most recent move (or, if it never moved, the one
/// running now), as an <c>image:</c> value ready to paste. One rule for the scan store and the workload page.
/// </summary>
public static class DigestPin
{
    /// <summary>One digest seen for a container: when it first ran, and the image string it ran under.</summary>
    public readonly record struct Seen(string Digest, DateTimeOffset FirstSeen, string Image);

    /// <summary>The pin target, or null without history. <c>AfterMove</c> is true when the digest ever changed.</summary>
    public static (Seen Target, bool AfterMove)? Choose(IEnumerable<Seen> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var distinct = history.GroupBy(h => h.Digest, StringComparer.Ordinal)
            .Select(g => g.MinBy(h => h.FirstSeen))
            .OrderBy(h => h.FirstSeen).ThenBy(h => h.Digest, StringComparer.Ordinal)
            .ToList();
        return distinct.Count switch
        {
            0 => null,
            1 => (distinct[0], false),
            _ => (distinct[^2], true),
        };
    }

    /// <summary><c>registry/repository@digest</c> for the image string the digest ran under.</summary>
    public static string ImageValue(Seen target)
    {
        var image = ImageReference.Parse(target.Image);
        return $"{(image.IsValid ? image.FullRepository : target.Image.Split('@')[0])}@{target.Digest}";
    }
}
