namespace KubeAdvisor.Core.Admission;

/// <summary>
/// References whose fully qualified repository lies under a registry/repository prefix on a path boundary,
/// case-insensitively, as <c>PolicyParameters.IsUnderPrefix</c> decides (<c>docker.io/library</c> takes
/// <c>docker.io/library/nginx:1.27</c>, not <c>docker.io/library-evil/x</c>).
/// </summary>
internal sealed class RegistryPrefixPattern(string prefix) : NormalizedPattern
{
    // After the repository: more path, or a tag (a ':' with no '/' after it: not a registry port), or a digest, or the end.
    private const string Boundary = @"(?:[/@][^\n]*|:[^/]*)?\z";

    public override string? After(string consumed)
    {
        if (prefix.Length > consumed.Length && prefix.StartsWith(consumed, StringComparison.OrdinalIgnoreCase))
        {
            return CelText.IgnoreCase(prefix[consumed.Length..]) + Boundary;
        }

        // The prefix ends inside what was read: it matches when a '/' follows it there.
        return consumed.Length > prefix.Length && consumed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && consumed[prefix.Length] == '/'
            ? Anything
            : null;
    }
}
