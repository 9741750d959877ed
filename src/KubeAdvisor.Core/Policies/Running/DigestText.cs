namespace KubeAdvisor.Core.Policies.Running;

/// <summary>Short forms of digests for messages: <c>sha256:9f1c2b3a4d5e…</c>.</summary>
internal static class DigestText
{
    public static string Short(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && digest.Length > colon + 13 ? string.Concat(digest.AsSpan(0, colon + 13), "…") : digest;
    }

    /// <summary>"tag latest", "no tag (latest)" or "digest …" for the image as written.</summary>
    public static string TagOf(in ContainerContext context) =>
        context.Reference.HasDigest ? "digest " + Short(context.Reference.Digest!)
        : context.Reference.Tag is { } tag ? "tag " + tag
        : "no tag (latest)";
}
