using System.Globalization;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Features.Dashboard;

namespace KubeAdvisor.Web.Features.Fleet;

/// <summary>
/// What the fleet table shows, as the query string says it (<c>?sort=score&amp;dir=asc&amp;q=prod&amp;label=env=prod&amp;grade=F&amp;group=env</c>):
/// filter, sort and group. A value it cannot read is ignored (the default applies), so a bad link never fails a page.
/// </summary>
public sealed record FleetView(
    string Sort, bool Descending, string? Text, IReadOnlyList<LabelFilter> Labels, Grade? Grade, string? GroupBy)
{
    public const int WorstPerGroup = 3;
    public const int MaxTextLength = 128;
    public const int MaxLabelFilters = 4;

    /// <summary>Sort keys; "score" ascending (worst first) is the default.</summary>
    public static IReadOnlyList<string> SortKeys { get; } = ["score", "change", "findings", "name", "lastscan"];

    public static FleetView Default { get; } = new("score", false, null, [], null, null);

    public static FleetView Parse(string? sort, string? dir, string? text, string? label, string? grade, string? group)
    {
        var key = sort?.ToLowerInvariant() is { } s && SortKeys.Contains(s) ? s : "score";
        return new FleetView(
            key,
            string.Equals(dir, "desc", StringComparison.OrdinalIgnoreCase),
            string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength ? null : text.Trim(),
            LabelFilter.ParseAll(label, MaxLabelFilters),
            grade is { Length: 1 } g && Enum.TryParse<Grade>(g, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null,
            group is { Length: > 0 } && ClusterLabels.KeyError(group) is null ? group : null);
    }

    /// <summary>The filtered rows in this view's order (ties by name).</summary>
    public IReadOnlyList<FleetRow> Apply(IEnumerable<FleetRow> rows)
    {
        var shown = rows.Where(Matches);
        var ordered = Sort switch
        {
            "name" => Descending ? shown.OrderByDescending(r => r.Name, StringComparer.OrdinalIgnoreCase) : shown.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase),
            "change" => Descending ? shown.OrderBy(r => r.Change is null).ThenByDescending(r => r.Change) : shown.OrderBy(r => r.Change is null).ThenBy(r => r.Change),
            "findings" => Descending ? shown.OrderByDescending(r => FindingsKey(r)) : shown.OrderBy(r => FindingsKey(r)),
            "lastscan" => Descending ? shown.OrderByDescending(r => r.LastScanAt ?? DateTimeOffset.MinValue) : shown.OrderBy(r => r.LastScanAt ?? DateTimeOffset.MinValue),
            // Worst first: the lowest score; clusters without a score yet come after every scored one.
            _ => Descending ? shown.OrderBy(r => r.Score is null).ThenByDescending(r => r.Score) : shown.OrderBy(r => r.Score is null).ThenBy(r => r.Score),
        };
        return ordered.ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Groups by <see cref="GroupBy"/> of the filtered rows, worst group first; empty when not grouping.</summary>
    public IReadOnlyList<FleetGroup> Groups(IEnumerable<FleetRow> rows)
    {
        if (GroupBy is not { } key)
        {
            return [];
        }

        var worstFirst = Default with { Text = Text, Labels = Labels, Grade = Grade };
        return worstFirst.Apply(rows)
            .GroupBy(r => r.Labels.GetValueOrDefault(key))
            .Select(g =>
            {
                var scored = g.Where(r => r.Score is not null).ToList();
                var pooled = scored.Aggregate(ScoreCard.Empty, (card, r) => card + Scores.Card(r.PassedWeight, r.FailedWeight));
                return new FleetGroup(
                    g.Key, g.Count(), scored.Count == 0 ? null : pooled.WholeScore, scored.Count == 0 ? null : pooled.Grade,
                    g.Sum(r => r.OpenFindings), g.Take(WorstPerGroup).ToList());
            })
            .OrderBy(g => g.Score is null).ThenBy(g => g.Score).ThenBy(g => g.Value is null).ThenBy(g => g.Value, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>This view's query string with one thing changed (null: the parameter is left out).</summary>
    public string Query(string? sort = null, bool? descending = null)
    {
        var parts = new List<string>();
        var key = sort ?? Sort;
        var desc = descending ?? Descending;
        if (key != "score")
        {
            parts.Add("sort=" + key);
        }

        if (desc)
        {
            parts.Add("dir=desc");
        }

        if (Text is not null)
        {
            parts.Add("q=" + Uri.EscapeDataString(Text));
        }

        if (Labels.Count > 0)
        {
            parts.Add("label=" + Uri.EscapeDataString(string.Join(",", Labels)));
        }

        if (Grade is { } g)
        {
            parts.Add("grade=" + g);
        }

        if (GroupBy is not null)
        {
            parts.Add("group=" + Uri.EscapeDataString(GroupBy));
        }

        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    private bool Matches(FleetRow r) =>
        (Text is null || r.Name.Contains(Text, StringComparison.OrdinalIgnoreCase))
        && (Grade is null || r.Grade == Grade)
        && Labels.All(l => l.Matches(r.Labels));

    // Most severe first: critical count, then high, … as one comparable key.
    private static (int, int, int, int, int) FindingsKey(FleetRow r)
    {
        int N(Severity s) => r.OpenBySeverity.GetValueOrDefault(s);
        return (N(Severity.Critical), N(Severity.High), N(Severity.Medium), N(Severity.Low), N(Severity.Info));
    }
}

/// <summary>One label condition of the fleet filter: <c>env=prod</c> (that value) or <c>env</c> (the label is set).</summary>
public sealed record LabelFilter(string Key, string? Value)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue(Key, out var v) && (Value is null || v == Value);

    public override string ToString() => Value is null ? Key : $"{Key}={Value}";

    /// <summary>Comma-separated conditions, the first <paramref name="max"/> valid ones; any that is not a valid label key (and value) is left out.</summary>
    public static IReadOnlyList<LabelFilter> ParseAll(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 1024)
        {
            return [];
        }

        var filters = new List<LabelFilter>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (filters.Count == max)
            {
                break;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var (key, value) = eq < 0 ? (part, null) : (part[..eq], part[(eq + 1)..]);
            if (ClusterLabels.KeyError(key) is null && (value is null || ClusterLabels.ValueError(key, value) is null))
            {
                filters.Add(new LabelFilter(key, value));
            }
        }

        return filters;
    }
}
