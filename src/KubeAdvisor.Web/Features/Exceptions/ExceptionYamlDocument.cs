namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>An uploaded exceptions file as <see cref="ExceptionYaml.Read"/> understood it.</summary>
/// <param name="Error">Why the file as a whole is refused (too large, too deep, not YAML, not an ExceptionList); null when it was read.</param>
/// <param name="Entries">One per item of <c>exceptions</c>, in file order (empty when <paramref name="Error"/> is set).</param>
public sealed record ExceptionYamlDocument(string? Error, IReadOnlyList<ExceptionYamlEntry> Entries)
{
    public static ExceptionYamlDocument Invalid(string error) => new(error, []);
}
