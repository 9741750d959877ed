namespace KubeAdvisor.Core.Admission;

/// <summary>
/// Image references in CEL, by the same grammar as <c>ImageReference</c> (the distribution/OCI reference grammar),
/// written with <c>matches</c> and string concatenation only. <c>i</c> is a CEL expression of the image string.
/// </summary>
internal static class ImageCel
{
    private const string Label = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
    private const string Registry = $@"(?:{Label}(?:\.{Label})*|\[[0-9A-Fa-f:]*:[0-9A-Fa-f:]*\])(?::[0-9]+)?";
    private const string Component = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private const string RepositoryPath = $"{Component}(?:/{Component})*";
    private const string TagAndDigest =
        "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}))?";

    /// <summary>The first path component names a registry: it has '.', ':' or upper case, or is localhost (Docker's rule).</summary>
    public const string RegistryWritten = "^(?:localhost|[^/]*[.:A-Z][^/]*)/";

    /// <summary>The registry written is Docker Hub (docker.io or index.docker.io, any case, no port).</summary>
    public static readonly string HubWritten = $"^(?:{CelText.IgnoreCase("docker")}|{CelText.IgnoreCase("index.docker")})\\.{CelText.IgnoreCase("io")}/";

    /// <summary>A tag or a digest is written (of a valid reference): an '@', or a ':' with no '/' after it.</summary>
    public const string TagOrDigest = @"@|:[^/]*\z";

    /// <summary>The container's image, or '' when the field is missing.</summary>
    public static string Of(string container) => $"(has({container}.image) ? {container}.image : '')";

    /// <summary>True when the reference follows the grammar (see <c>ImageReferenceParser</c>, limits included).</summary>
    public static string IsValid(string i) =>
        $"size({i}) <= 1024"
        + $" && ({CelText.Matches(i, RegistryWritten)} ? {CelText.Matches(i, $@"^{Registry}/{RepositoryPath}{TagAndDigest}\z")}"
        + $" : {CelText.Matches(i, $@"^{RepositoryPath}{TagAndDigest}\z")})"
        // the name (registry and repository) is at most 255 characters: it ends, at the latest, at character 255
        + $" && {CelText.Matches(i, @"^[^@]{0,255}(?::[A-Za-z0-9_.-]*)?(?:@.*)?\z")}"
        + $" && !{CelText.Matches(i, @"^[0-9a-f]{64}\z")}";

    /// <summary>A digest pins the (valid) reference.</summary>
    public static string HasDigest(string i) => $"{i}.contains('@')";

    /// <summary>A tag is written on a valid reference without a digest.</summary>
    public static string HasTagNoDigest(string i) => CelText.Matches(i, @":[^/]*\z");

    /// <summary>
    /// True when the valid reference, fully qualified (<c>docker.io/library/nginx:latest</c> for <c>nginx</c>),
    /// matches <paramref name="pattern"/>: the written forms are told apart with <c>matches</c>, and where the written
    /// registry would have to be replaced (docker.io/…, index.docker.io/…), the pattern's remainder after the
    /// qualified prefix is matched instead.
    /// </summary>
    public static string NormalizedMatches(string i, NormalizedPattern pattern)
    {
        var suffixed = $"({i} + ({CelText.Matches(i, TagOrDigest)} ? '' : ':latest'))";
        var bare = pattern.After("");
        var library = pattern.After("docker.io/library/");
        var hub = pattern.After("docker.io/");
        return $"(!{CelText.Matches(i, RegistryWritten)}"
            + $" ? {Apply($"('docker.io/' + ({CelText.Matches(i, @"^[^/]*\z")} ? 'library/' : '') + {suffixed})", bare)}"
            + $" : ({CelText.Matches(i, HubWritten)}"
            + $" ? ({CelText.Matches(i, @"^[^/]*/[^/]*\z")} ? {Apply(suffixed, library, HubWritten)} : {Apply(suffixed, hub, HubWritten)})"
            + $" : {Apply(suffixed, bare)}))";
    }

    private static string Apply(string text, string? remainder, string prefix = "^") => remainder switch
    {
        null => "false",
        NormalizedPattern.Anything => "true",
        _ => CelText.Matches(text, prefix + remainder),
    };
}
