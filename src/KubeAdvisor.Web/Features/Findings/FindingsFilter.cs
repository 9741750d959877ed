using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>
/// Which findings: the explorer's filters as they appear in its query string (?cluster=&amp;namespace=&amp;policy=&amp;severity=&amp;kind=&amp;q=),
/// and the API's (cluster in the path, status=resolved). One filter for the page, its CSV export and the API, so a link,
/// its export and the API answer show the same set.
/// </summary>
/// <param name="Resolved">false: open findings (the default everywhere); true: resolved ones.</param>
/// <param name="Team">The owning team's id, or <see cref="Unowned"/>; null = any owner.</param>
public sealed record FindingsFilter(Guid? Cluster = null, string? Namespace = null, string? Policy = null,
    Severity? Severity = null, string? Kind = null, string? Text = null, bool Resolved = false, string? Team = null)
{
    /// <summary>The <see cref="Team"/> value of findings no team owns.</summary>
    public const string Unowned = "unowned";

    /// <summary>Whether <paramref name="team"/> is a usable team filter: a team id or "unowned".</summary>
    public static bool IsTeam(string team) => team == Unowned || Guid.TryParse(team, out _);

    public static FindingsFilter From(string? cluster, string? ns, string? policy, string? severity, string? kind, string? text) => new(
        Guid.TryParse(cluster, out var id) ? id : null,
        Clean(ns),
        Clean(policy),
        Enum.TryParse<Severity>(severity, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null,
        Clean(kind),
        Clean(text));

    /// <summary>The filters as query parameters (null values drop out of the URL).</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["cluster"] = Cluster?.ToString(),
        ["namespace"] = Namespace,
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
}
