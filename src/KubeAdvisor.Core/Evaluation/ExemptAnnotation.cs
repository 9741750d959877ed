using System.Globalization;
using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Inventory;

namespace KubeAdvisor.Core.Evaluation;

/// <summary>
/// The <c>kubeadvisor.io/exempt</c> annotation on a workload or its pod template: <c>"true"</c> exempts from every
/// policy, otherwise a comma-separated list of policy ids. Both places count (union). What it does depends on the
/// cluster's <see cref="ExemptAnnotationMode"/>: under <c>require-reason</c> it needs <c>kubeadvisor.io/exempt-reason</c>
/// and honours <c>kubeadvisor.io/exempt-until</c> (a date, or a date and time with an offset); under <c>ignore</c> it
/// does nothing.
/// </summary>
public sealed class ExemptAnnotation
{
    /// <summary>The annotation key.</summary>
    public const string Key = "kubeadvisor.io/exempt";

    /// <summary>Why (required under <see cref="ExemptAnnotationMode.RequireReason"/>).</summary>
    public const string ReasonKey = "kubeadvisor.io/exempt-reason";

    /// <summary>Until when (optional): <c>2027-03-31</c> (the end of that day, UTC) or an ISO 8601 instant.</summary>
    public const string UntilKey = "kubeadvisor.io/exempt-until";

    private readonly HashSet<string>? _ids;

    private ExemptAnnotation(bool all, HashSet<string>? ids)
    {
        All = all;
        _ids = ids;
    }

    /// <summary>Exempt from every policy.</summary>
    public bool All { get; }

    /// <summary>The policy ids named (empty when <see cref="All"/> only).</summary>
    public IReadOnlyCollection<string> Ids => (IReadOnlyCollection<string>?)_ids ?? [];

    /// <summary>The annotation of a workload under <see cref="ExemptAnnotationMode.Allow"/>; null when neither the object nor its template carries it.</summary>
    public static ExemptAnnotation? Of(Workload workload) => Of(workload, ExemptAnnotationMode.Allow, DateTimeOffset.MinValue);

    /// <summary>The annotation of a workload as the mode lets it count at <paramref name="now"/>; null when it does not exempt.</summary>
    public static ExemptAnnotation? Of(Workload workload, ExemptAnnotationMode mode, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (mode == ExemptAnnotationMode.Ignore)
        {
            return null;
        }

        var onObject = workload.Annotations.GetValueOrDefault(Key);
        var onTemplate = workload.Template.Annotations.GetValueOrDefault(Key);
        if (onObject is null && onTemplate is null)
        {
            return null;
        }

        if (mode == ExemptAnnotationMode.RequireReason)
        {
            var reason = workload.Annotations.GetValueOrDefault(ReasonKey) ?? workload.Template.Annotations.GetValueOrDefault(ReasonKey);
            var until = workload.Annotations.GetValueOrDefault(UntilKey) ?? workload.Template.Annotations.GetValueOrDefault(UntilKey);
            if (WhyNot(reason, until, now) is not null)
            {
                return null;
            }
        }

        return Parse(onObject, onTemplate);
    }

    /// <summary>
    /// Why an annotation with this reason and end date does not exempt under <see cref="ExemptAnnotationMode.RequireReason"/>
    /// at <paramref name="now"/>; null when it does.
    /// </summary>
    public static string? WhyNot(string? reason, string? until, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return $"no {ReasonKey}";
        }

        if (until is null)
        {
            return null;
        }

        if (ParseUntil(until) is not { } end)
        {
            return $"{UntilKey} '{until}' is not a date";
        }

        return end <= now ? $"expired on {end:yyyy-MM-dd HH:mm} UTC" : null;
    }

    /// <summary>
    /// The end of an exemption: <c>yyyy-MM-dd</c> means the end of that day in UTC; otherwise an ISO 8601 date and time
    /// with an offset. Null when it is neither.
    /// </summary>
    public static DateTimeOffset? ParseUntil(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return trimmed.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && (trimmed.EndsWith('Z') || trimmed.LastIndexOfAny(['+', '-']) > trimmed.IndexOf('T', StringComparison.Ordinal))
            ? instant.ToUniversalTime()
            : null;
    }

    /// <summary>True when the policy is exempt by this annotation.</summary>
    public bool Exempts(string policyId) => All || (_ids?.Contains(policyId) ?? false);

    private static ExemptAnnotation Parse(string? onObject, string? onTemplate)
    {
        var all = false;
        HashSet<string>? ids = null;
        foreach (var value in new[] { onObject, onTemplate })
        {
            if (value is null)
            {
                continue;
            }

            if (value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                all = true;
                continue;
            }

            foreach (var id in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                (ids ??= new HashSet<string>(StringComparer.Ordinal)).Add(id);
            }
        }

        return new ExemptAnnotation(all, ids);
    }
}
