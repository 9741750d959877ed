namespace KubeAdvisor.Web.Features.Violations;

/// <summary>
/// The explorer's sort order as it appears in the query string (<c>?sort=namespace&amp;dir=asc</c>), so a link keeps
/// the order the engineer chose. The default — most severe first — is left out of the URL; unknown values are ignored.
/// </summary>
public sealed record ViolationsSort(string Label, bool Descending)
{
    /// <summary>Columns the table sorts by (the labels of its sort headers and of <see cref="Findings.FindingsQueries"/>).</summary>
    public static readonly IReadOnlyList<string> Labels = ["severity", "policy", "namespace", "workload", "firstSeen"];

    public static readonly ViolationsSort Default = new("severity", true);

    public bool IsDefault => this == Default;

    public static ViolationsSort From(string? sort, string? dir)
    {
        if (sort is null || !Labels.Contains(sort))
        {
            return Default;
        }

        // a column's natural first direction when dir is missing or unknown: severity and dates newest/worst first
        var descending = dir switch
        {
            "asc" => false,
            "desc" => true,
            _ => sort is "severity" or "firstSeen",
        };
        return new ViolationsSort(sort, descending);
    }

    /// <summary>The sort as query parameters; null values (the default order) drop out of the URL.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["sort"] = IsDefault ? null : Label,
        ["dir"] = IsDefault ? null : Descending ? "desc" : "asc",
    };
}
