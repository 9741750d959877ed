namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// A route's quiet hours, whole UTC hours from <see cref="StartHour"/> up to (not including) <see cref="EndHour"/>;
/// 22 → 7 spans midnight. A message planned inside them is sent at their end, never dropped.
/// </summary>
public sealed record QuietHours(int StartHour, int EndHour)
{
    /// <summary>The route's quiet hours, or null when it has none.</summary>
    public static QuietHours? Of(int? start, int? end) => start is { } s && end is { } e ? new QuietHours(s, e) : null;

    /// <summary>Null when the hours can be stored; else why not.</summary>
    public static string? Error(int? start, int? end) =>
        start is null && end is null ? null
        : start is not { } s || end is not { } e ? "Quiet hours need both startHour and endHour."
        : s is < 0 or > 23 || e is < 0 or > 23 ? "Quiet hours are whole UTC hours from 0 to 23."
        : s == e ? "Quiet hours need a start hour different from the end hour."
        : null;

    /// <summary>Whether <paramref name="at"/> falls inside the quiet hours.</summary>
    public bool Contains(DateTimeOffset at)
    {
        var hour = at.UtcDateTime.Hour;
        return StartHour < EndHour ? hour >= StartHour && hour < EndHour : hour >= StartHour || hour < EndHour;
    }

    /// <summary>When a message planned at <paramref name="at"/> may be sent: at once, or when the quiet hours end.</summary>
    public DateTimeOffset SendAt(DateTimeOffset at)
    {
        if (!Contains(at))
        {
            return at;
        }

        var utc = at.ToUniversalTime();
        var end = new DateTimeOffset(utc.Year, utc.Month, utc.Day, EndHour, 0, 0, TimeSpan.Zero);
        return end > utc ? end : end.AddDays(1);
    }
}
