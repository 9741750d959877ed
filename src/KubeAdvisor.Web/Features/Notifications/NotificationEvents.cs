namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>The events a route can send (their names are part of the API and of the webhook schema).</summary>
public static class NotificationEvents
{
    /// <summary>Findings a scan opened, or reopened more than a day after they were resolved (one message per scan and route).</summary>
    public const string FindingsIntroduced = "findings-introduced";

    /// <summary>Findings a scan resolved (one message per scan and route).</summary>
    public const string FindingsFixed = "findings-fixed";

    /// <summary>A cluster's scans failed, became partial, its agent went offline, or it is healthy again (on changes only).</summary>
    public const string ScanHealth = "scan-health";

    /// <summary>Monday 08:00 UTC: score and grade against a week ago, top risks, introduced and fixed, exceptions expiring.</summary>
    public const string WeeklyDigest = "weekly-digest";

    /// <summary>A channel's "Send test"; not a route event.</summary>
    public const string Test = "test";

    public static IReadOnlyList<string> All { get; } = [FindingsIntroduced, FindingsFixed, ScanHealth, WeeklyDigest];
}
