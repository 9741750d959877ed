using System.Text.RegularExpressions;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>Cluster display names and scan intervals: what is accepted, with the reason when not.</summary>
public static partial class ClusterNames
{
    public const int MinIntervalMinutes = 5;
    public const int MaxIntervalMinutes = 24 * 60;
    public const int DefaultIntervalMinutes = 60;

    public static string? NameError(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "A cluster needs a name."
        : name.Length > 128 ? "A cluster name has at most 128 characters."
        : !Allowed().IsMatch(name) ? "A cluster name may use letters, digits, spaces and . _ - ( ) only."
        : null;

    public static string? IntervalError(int minutes) =>
        minutes is < MinIntervalMinutes or > MaxIntervalMinutes
            ? $"The scan interval must be between {MinIntervalMinutes} minutes and 24 hours ({MaxIntervalMinutes} minutes)."
            : null;

    [GeneratedRegex(@"^[\p{L}\p{N} ._\-()]+$")]
    private static partial Regex Allowed();
}
