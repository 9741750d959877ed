namespace KubeAdvisor.Web.Features.Dashboard;

/// <summary>Human wording of times and durations.</summary>
public static class Format
{
    public static string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } t)
        {
            return "never";
        }

        var d = now - t;
        return d.TotalSeconds < 60 ? "just now"
            : d.TotalMinutes < 60 ? $"{(int)d.TotalMinutes} min ago"
            : d.TotalHours < 24 ? $"{(int)d.TotalHours} h ago"
            : $"{(int)d.TotalDays} d ago";
    }

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? (e - s).TotalSeconds < 90 ? $"{(e - s).TotalSeconds:0.#} s" : $"{(e - s).TotalMinutes:0.#} min" : "–";

    public static string When(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'") ?? "–";
}
