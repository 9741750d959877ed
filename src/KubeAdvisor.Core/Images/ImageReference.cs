namespace KubeAdvisor.Core.Images;

/// <summary>
/// A container image reference parsed by the distribution/OCI reference grammar
/// (<c>[registry[:port]/]path[:tag][@algorithm:hex]</c>). <see cref="Parse"/> never throws: an invalid
/// reference has <see cref="IsValid"/> false and a human <see cref="Error"/>. The struct keeps the original text
/// and offsets only; string properties slice on demand and the <c>*Span</c> accessors never allocate.
/// </summary>
public readonly struct ImageReference : IEquatable<ImageReference>
{
    /// <summary>The registry Docker Hub references resolve to when no registry is written.</summary>
    public const string DefaultRegistry = "docker.io";

    private readonly string? _text;
    private readonly string? _error;
    private readonly short _registryLength; // registry occupies [0, _registryLength); 0 = not written
    private readonly short _repositoryStart;
    private readonly short _repositoryLength;
    private readonly short _portStart;      // start of the port digits inside the registry; 0 = no port
    private readonly short _tagStart;       // 0 = no tag
    private readonly short _tagLength;
    private readonly short _digestStart;    // 0 = no digest

    private ImageReference(string text, string error)
    {
        _text = text;
        _error = error;
    }

    private ImageReference(string text, int registryLength, int portStart, int repositoryStart, int repositoryLength,
        int tagStart, int tagLength, int digestStart)
    {
        _text = text;
        _registryLength = (short)registryLength;
        _portStart = (short)portStart;
        _repositoryStart = (short)repositoryStart;
        _repositoryLength = (short)repositoryLength;
        _tagStart = (short)tagStart;
        _tagLength = (short)tagLength;
        _digestStart = (short)digestStart;
    }

    /// <summary>The text as written in the spec (empty for <c>default</c>).</summary>
    public string Original => _text ?? string.Empty;

    /// <summary>True when the text follows the reference grammar.</summary>
    public bool IsValid => _text is not null && _error is null;

    /// <summary>Why the reference is invalid; null when valid.</summary>
    public string? Error => _text is null ? "the image reference is empty" : _error;

    /// <summary>Registry host (and port) as written; null when not written (Docker Hub).</summary>
    public string? Registry => _registryLength == 0 ? null : _text!.Substring(0, _registryLength);

    /// <summary>The registry port as written (e.g. <c>5000</c>); null when none.</summary>
    public string? Port => _portStart == 0 ? null : _text!.Substring(_portStart, _registryLength - _portStart);

    /// <summary>Repository path as written, without registry (e.g. <c>nginx</c>, <c>team/api</c>); empty when invalid.</summary>
    public string Repository => IsValid ? _text!.Substring(_repositoryStart, _repositoryLength) : string.Empty;

    /// <summary>The tag as written; null when none.</summary>
    public string? Tag => _tagStart == 0 ? null : _text!.Substring(_tagStart, _tagLength);

    /// <summary>The digest (<c>algorithm:hex</c>); null when none.</summary>
    public string? Digest => _digestStart == 0 ? null : _text!.Substring(_digestStart);

    /// <summary>Registry as written or <c>docker.io</c> (<c>index.docker.io</c> also normalizes to <c>docker.io</c>).</summary>
    public string RegistryOrDefault => IsDockerHub ? DefaultRegistry : Registry!;

    /// <summary>The tag without allocating; empty when none.</summary>
    public ReadOnlySpan<char> TagSpan => _tagStart == 0 ? default : _text.AsSpan(_tagStart, _tagLength);

    /// <summary>The registry without allocating; empty when not written.</summary>
    public ReadOnlySpan<char> RegistrySpan => _text.AsSpan(0, _registryLength);

    /// <summary>True when a tag is written.</summary>
    public bool HasTag => _tagStart != 0;

    /// <summary>True when pinned by a digest (whatever the tag).</summary>
    public bool HasDigest => _digestStart != 0;

    /// <summary>True when the registry host carries a port (e.g. <c>localhost:5000</c>).</summary>
    public bool HasPort => _portStart != 0;

    /// <summary>True for Docker Hub: no registry written, <c>docker.io</c> or <c>index.docker.io</c>.</summary>
    public bool IsDockerHub => _registryLength == 0
        || RegistrySpan.Equals("docker.io", StringComparison.OrdinalIgnoreCase)
        || RegistrySpan.Equals("index.docker.io", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Registry and repository as Docker resolves them: <c>docker.io/library/nginx</c> for <c>nginx</c>.
    /// Empty when invalid.
    /// </summary>
    public string FullRepository
    {
        get
        {
            if (!IsValid)
            {
                return string.Empty;
            }

            var path = _text.AsSpan(_repositoryStart, _repositoryLength);
            var library = IsDockerHub && !path.Contains('/') ? "library/" : string.Empty;
            return string.Concat(RegistryOrDefault, "/", library, path);
        }
    }

    /// <summary>
    /// Fully qualified form for display and grouping (<c>docker.io/library/nginx:latest</c>): the implied
    /// <c>latest</c> is added only when there is neither tag nor digest. The original text when invalid.
    /// </summary>
    public string Normalized
    {
        get
        {
            if (!IsValid)
            {
                return Original;
            }

            var suffix = _tagStart == 0 && _digestStart == 0 ? ":latest" : _text.AsSpan(_repositoryStart + _repositoryLength);
            return string.Concat(FullRepository, suffix);
        }
    }

    /// <summary>Parses a reference; never throws.</summary>
    public static ImageReference Parse(string? text) => ImageReferenceParser.Parse(text);

    /// <inheritdoc />
    public bool Equals(ImageReference other) => string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ImageReference other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _text is null ? 0 : StringComparer.Ordinal.GetHashCode(_text);

    /// <inheritdoc />
    public override string ToString() => Original;

    /// <summary>Equality on the original text.</summary>
    public static bool operator ==(ImageReference left, ImageReference right) => left.Equals(right);

    /// <summary>Inequality on the original text.</summary>
    public static bool operator !=(ImageReference left, ImageReference right) => !left.Equals(right);

    internal static ImageReference Invalid(string text, string error) => new(text, error);

    internal static ImageReference Valid(string text, int registryLength, int portStart, int repositoryStart,
        int repositoryLength, int tagStart, int tagLength, int digestStart) =>
        new(text, registryLength, portStart, repositoryStart, repositoryLength, tagStart, tagLength, digestStart);
}
