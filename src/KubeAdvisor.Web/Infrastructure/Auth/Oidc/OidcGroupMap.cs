namespace KubeAdvisor.Web.Infrastructure.Auth.Oidc;

/// <summary>
/// A mapping from provider groups to values (roles or team names), written <c>group=value,group=value</c>. A group name
/// may contain '=' (the last one separates); neither side may contain ','. Group names compare exactly (ordinal).
/// </summary>
public sealed class OidcGroupMap
{
    private OidcGroupMap(IReadOnlyList<(string Group, string Value)> entries, IReadOnlyList<string> errors)
    {
        Entries = entries;
        Errors = errors;
    }

    public IReadOnlyList<(string Group, string Value)> Entries { get; }

    /// <summary>Entries that are not <c>group=value</c>.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Every value the map names (the teams it manages, the roles it gives).</summary>
    public IReadOnlySet<string> Values => Entries.Select(e => e.Value).ToHashSet(StringComparer.Ordinal);

    public static OidcGroupMap Parse(string? text)
    {
        var entries = new List<(string, string)>();
        var errors = new List<string>();
        foreach (var item in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = item.LastIndexOf('=');
            var (group, value) = at < 0 ? ("", "") : (item[..at].Trim(), item[(at + 1)..].Trim());
            if (group.Length == 0 || value.Length == 0)
            {
                errors.Add(item);
                continue;
            }

            entries.Add((group, value));
        }

        return new OidcGroupMap(entries, errors);
    }

    /// <summary>The values the user's groups map to (each once), with the groups that gave them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Match(IReadOnlyCollection<string> groups) =>
        Entries.Where(e => groups.Contains(e.Group, StringComparer.Ordinal))
            .GroupBy(e => e.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(e => e.Group).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
}
