using System.Collections.Frozen;

namespace KubeAdvisor.Core.Policies;

/// <summary>
/// A cluster's policy parameters compiled for the hot path (frozen sets, trimmed prefixes). Built once per
/// evaluation from <see cref="ClusterPolicySettings"/>.
/// </summary>
public sealed class PolicyParameters
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _floatingLookup;

    private PolicyParameters(ClusterPolicySettings settings)
    {
        FloatingTags = settings.FloatingTags.Select(t => t.Trim()).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _floatingLookup = FloatingTags.GetAlternateLookup<ReadOnlySpan<char>>();
        AllowedRegistries = settings.AllowedRegistries.Select(NormalizePrefix).Where(p => p.Length > 0).ToArray();
        DigestExemptRegistries = settings.DigestExemptRegistries.Select(NormalizePrefix).Where(p => p.Length > 0).ToArray();
    }

    /// <summary>The defaults of <see cref="ClusterPolicySettings.Default"/>.</summary>
    public static PolicyParameters Default { get; } = new(ClusterPolicySettings.Default);

    /// <summary>Floating tags, compared case-insensitively.</summary>
    public FrozenSet<string> FloatingTags { get; }

    /// <summary>True when the tag is one of <see cref="FloatingTags"/> (case-insensitive, no allocation).</summary>
    public bool IsFloatingTag(ReadOnlySpan<char> tag) => _floatingLookup.Contains(tag);

    /// <summary>Allowed registry/repository prefixes, fully qualified, without trailing '/'.</summary>
    public IReadOnlyList<string> AllowedRegistries { get; }

    /// <summary>Registry/repository prefixes exempt from digest pinning.</summary>
    public IReadOnlyList<string> DigestExemptRegistries { get; }

    /// <summary>Compiles settings.</summary>
    public static PolicyParameters From(ClusterPolicySettings settings) => new(settings);

    /// <summary>
    /// True when <paramref name="fullRepository"/> (e.g. <c>docker.io/library/nginx</c>) is <paramref name="prefix"/>
    /// or lies under it on a path boundary: <c>docker.io/library</c> matches <c>docker.io/library/nginx</c> but not
    /// <c>docker.io/library-evil/x</c>. Case-insensitive (registry hosts are).
    /// </summary>
    public static bool IsUnderPrefix(string fullRepository, string prefix) =>
        fullRepository.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (fullRepository.Length == prefix.Length || fullRepository[prefix.Length] == '/');

    /// <summary>True when any prefix matches (see <see cref="IsUnderPrefix"/>).</summary>
    public static bool IsUnderAnyPrefix(string fullRepository, IReadOnlyList<string> prefixes)
    {
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (IsUnderPrefix(fullRepository, prefixes[i]))
            {
                return true;
            }
        }

        return false;
    }

    internal static string NormalizePrefix(string prefix)
    {
        var trimmed = prefix.Trim().TrimEnd('/');
        return trimmed.StartsWith("index.docker.io", StringComparison.OrdinalIgnoreCase)
            && (trimmed.Length == 15 || trimmed[15] == '/')
            ? string.Concat("docker.io", trimmed.AsSpan(15))
            : trimmed;
    }
}
