namespace KubeAdvisor.Core.Policies.Image;

/// <summary>The fix snippet shared by the tag policies (missing, latest, floating): an immutable tag, or a digest.</summary>
internal static class TagFix
{
    public const string Template = """
        image: {repo}:<version>   # an immutable release tag, e.g. {repo}:1.4.2
        # or pinned: image: {repo}:<version>@sha256:<digest>
        """;
}
