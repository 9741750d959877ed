using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>
/// Which findings: the explorer's filters as they appear in its query string
/// (?cluster=&amp;namespace=&amp;policy=&amp;severity=&amp;kind=&amp;q=&amp;team=), and the API's (cluster in the path,
/// status=resolved). One filter for the page, its CSV export and the API, so a link, its export and the API answer show
/// the same set.
/// </summary>
/// <param name="Namespace">A namespace; "" for cluster-scoped objects (<c>?namespace=_cluster</c>, decision 0033); null = any.</param>
/// <param name="Resolved">false: open findings (the default everywhere); true: resolved ones.</param>
/// <param name="Team">
/// The owner: a team id, several separated by commas (any of them), <see cref="Unowned"/>, or <see cref="Mine"/> (the
/// caller's teams, which whoever knows the caller resolves with <see cref="WithTeams"/> before reading); null = any owner.
/// A value that names no team (an unresolved "mine", or a user in no team) matches nothing.
/// </param>
public sealed record FindingsFilter(Guid? Cluster = null, string? Namespace = null, string? Policy = null,
    Severity? Severity = null, string? Kind = null, string? Text = null, bool Resolved = false, string? Team = null)
{
    /// <summary>The <see cref="Team"/> value of findings no team owns.</summary>
    public const string Unowned = "unowned";

    /// <summary>The <see cref="Team"/> value of "My teams": the teams of whoever asks, resolved where the caller is known.</summary>
    public const string Mine = "mine";

    /// <summary>At most this many team ids in one <see cref="Team"/> value.</summary>
    public const int MaxTeams = 100;

    /// <summary>Whether <paramref name="team"/> is a usable team filter: team ids (comma-separated), "unowned" or "mine".</summary>
    public static bool IsTeam(string team) => team is Unowned or Mine || ParseTeams(team).Count > 0;

    public static FindingsFilter From(string? cluster, string? ns, string? policy, string? severity, string? kind, string? text,
        string? team = null) => new(
        Guid.TryParse(cluster, out var id) ? id : null,
        NamespaceOf(ns),
        Clean(policy),
        Enum.TryParse<Severity>(severity, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null,
        Clean(kind),
        Clean(text),
        Team: Clean(team) is { } t && IsTeam(t) ? t : null);

    /// <summary>A ?namespace= value as a filter: null for none, "" for cluster-scoped objects (<c>_cluster</c>), else the name.</summary>
    public static string? NamespaceOf(string? value) => Clean(value) is var ns && ns == Dashboard.ClusterScope.FilterValue ? "" : ns;

    /// <summary>The team ids <see cref="Team"/> names (empty for none, "unowned", "mine" or a malformed value).</summary>
    public IReadOnlyList<Guid> TeamIds => Team is null ? [] : ParseTeams(Team);

    /// <summary>
    /// "mine" replaced by <paramref name="myTeams"/> in one canonical form (sorted, so equal sets give equal filters and
    /// keyset paging recognises the page it showed); any other filter unchanged. No teams: "mine" stays and matches nothing.
    /// </summary>
    public FindingsFilter WithTeams(IEnumerable<Guid> myTeams)
    {
        if (Team != Mine)
        {
            return this;
        }

        var ids = myTeams.Distinct().Order().Take(MaxTeams).ToList();
        return ids.Count == 0 ? this : this with { Team = string.Join(',', ids) };
    }

    /// <summary>The filters as query parameters (null values drop out of the URL).</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["cluster"] = Cluster?.ToString(),
        ["namespace"] = Namespace is { } ns ? Dashboard.ClusterScope.FilterOf(ns) : null,
        ["policy"] = Policy,
        ["severity"] = Severity?.ToString().ToLowerInvariant(),
        ["kind"] = Kind,
        ["q"] = Text,
        ["status"] = Resolved ? "resolved" : null,
        ["team"] = Team,
    };

    public string ToQueryString() => string.Join("&", ToQuery()
        .Where(p => p.Value is not null)
        .Select(p => $"{p.Key}={Uri.EscapeDataString((string)p.Value!)}"));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Bounded before it is split: at most MaxTeams ids of 36 characters and their commas.
    private static List<Guid> ParseTeams(string team)
    {
        if (team.Length > MaxTeams * 37)
        {
            return [];
        }

        var ids = new List<Guid>();
        foreach (var part in team.Split(','))
        {
            if (!Guid.TryParse(part.Trim(), out var id))
            {
                return [];
            }

            ids.Add(id);
        }

        return ids.Count > MaxTeams ? [] : ids;
    }
}
