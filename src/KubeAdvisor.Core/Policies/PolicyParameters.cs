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
        AutomountAllowedWorkloads = settings.AutomountAllowedWorkloads
            .Select(p => (p ?? string.Empty).Trim()).Where(p => p.Length > 0).ToArray();
        ResourceRanges = settings.ResourceRanges.Select(e => Efficiency.ResourceRange.Parse(e).Range)
            .OfType<Efficiency.ResourceRange>().ToArray();
        RbacAllowedSubjects = settings.RbacAllowedSubjects.Select(p => (p ?? string.Empty).Trim()).Where(p => p.Length > 0).ToArray();
    }

    /// <summary>Globs of subjects allowed to hold cluster-admin or exec/attach (<see cref="ClusterPolicySettings.RbacAllowedSubjects"/>).</summary>
    public IReadOnlyList<string> RbacAllowedSubjects { get; }

    /// <summary>True when the subject (as <see cref="Inventory.RbacSubject.ToString"/> names it) matches one of <see cref="RbacAllowedSubjects"/>.</summary>
    public bool IsRbacAllowed(Inventory.RbacSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (RbacAllowedSubjects.Count == 0)
        {
            return false;
        }

        var text = subject.ToString();
        foreach (var pattern in RbacAllowedSubjects)
        {
            if (ImageGlob.IsMatch(pattern, text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The valid entries of <see cref="ClusterPolicySettings.ResourceRanges"/>, parsed.</summary>
    internal IReadOnlyList<Efficiency.ResourceRange> ResourceRanges { get; }

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

    /// <summary><c>namespace/name</c> globs of workloads allowed to automount a service-account token.</summary>
    public IReadOnlyList<string> AutomountAllowedWorkloads { get; }

    /// <summary>True when <c>namespace/name</c> matches one of <see cref="AutomountAllowedWorkloads"/>.</summary>
    public bool IsAutomountAllowed(string ns, string name)
    {
        if (AutomountAllowedWorkloads.Count == 0)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[256];
        var length = ns.Length + 1 + name.Length;
        var key = length <= buffer.Length ? buffer[..length] : new char[length];
        ns.AsSpan().CopyTo(key);
        key[ns.Length] = '/';
        name.AsSpan().CopyTo(key[(ns.Length + 1)..]);
        for (var i = 0; i < AutomountAllowedWorkloads.Count; i++)
        {
            if (ImageGlob.IsMatch(AutomountAllowedWorkloads[i], key))
            {
                return true;
            }
        }

        return false;
    }

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
