namespace KubeAdvisor.Core.Admission;

/// <summary>
/// A set of fully qualified image references (a registry prefix, an image glob) as regular expressions over what is
/// left once a known qualified prefix has been read: CEL has no substring, so where the written registry would have
/// to be replaced by <c>docker.io</c>, the generated check reads the rest of the written image against the
/// remainder of the pattern instead.
/// </summary>
internal abstract class NormalizedPattern
{
    /// <summary>The remainder that matches every rest.</summary>
    public const string Anything = "(?s).*";

    /// <summary>
    /// A regular expression (to the end of the text, <c>\z</c>) for the rests r such that <paramref name="consumed"/>
    /// + r is in the set; <see cref="Anything"/> when every rest is; null when none is.
    /// </summary>
    public abstract string? After(string consumed);
}
