using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Violations;

/// <summary>
/// The explorer's filters, as they appear in the query string (?cluster=&amp;namespace=&amp;policy=&amp;severity=&amp;kind=&amp;q=),
/// shared by the page and the CSV export so a link and its export show the same set.
/// </summary>
public sealed record ViolationsFilter(Guid? Cluster = null, string? Namespace = null, string? Policy = null,
    Severity? Severity = null, string? Kind = null, string? Text = null)
{
    public static ViolationsFilter From(string? cluster, string? ns, string? policy, string? severity, string? kind, string? text) => new(
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
    };

    public string ToQueryString() => string.Join("&", ToQuery()
        .Where(p => p.Value is not null)
        .Select(p => $"{p.Key}={Uri.EscapeDataString((string)p.Value!)}"));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
