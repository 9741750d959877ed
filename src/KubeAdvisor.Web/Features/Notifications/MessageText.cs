using System.Globalization;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>Texts every channel shows the same way (each renders them in its own markup).</summary>
internal static class MessageText
{
    /// <summary>"namespace/Kind/name"; "Kind/name" for a cluster-scoped subject (a ClusterRoleBinding, decision 0033).</summary>
    public static string Workload(NotificationMessage.FindingItem f) =>
        f.Namespace.Length == 0 ? $"{f.Kind}/{f.Workload}" : $"{f.Namespace}/{f.Kind}/{f.Workload}";

    /// <summary>"policy · image … · container … · team …" (the parts present).</summary>
    public static string Details(NotificationMessage.FindingItem f) => f.PolicyId + " · " + Extras(f);

    /// <summary>"image … · container … · team …" (the parts present; "unowned" without a team).</summary>
    public static string Extras(NotificationMessage.FindingItem f) =>
        string.Join(" · ", new[] { f.Image is null ? null : "image " + f.Image, f.Container is null ? null : "container " + f.Container,
            f.Team is null ? "unowned" : "team " + f.Team }.OfType<string>());

    public static string More(int more) => $"and {more} more";

    public static string State(string state) => state switch
    {
        "healthy" => "healthy",
        "scan-failed" => "scan failed",
        "scan-partial" => "scan partial",
        "agent-offline" => "agent offline",
        _ => state,
    };

    public static string Score(NotificationMessage.ScorePoint? p) =>
        p is null ? "n/a" : $"{Math.Floor(p.Score).ToString(CultureInfo.InvariantCulture)} ({p.Grade})";

    /// <summary>The digest's facts as label/value pairs, in order.</summary>
    public static IReadOnlyList<(string Label, string Value)> DigestFacts(NotificationMessage.DigestReport d) =>
    [
        ("Week", $"{d.From:yyyy-MM-dd} to {d.To:yyyy-MM-dd}"),
        ("Clusters", d.Clusters.Count == 0 ? "none" : string.Join(", ", d.Clusters.Select(c => c.Name))),
        ("Score now", Score(d.Now)),
        ("A week ago", Score(d.WeekAgo)),
        ("Change", d.Now is { } n && d.WeekAgo is { } w ? (n.Score - w.Score).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "n/a"),
        ("Introduced / fixed", $"{d.Introduced} / {d.Fixed}"),
        ("Open findings", d.OpenFindings.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>"policy (severity): N open in M workload(s)", or "object(s)" for a policy about RBAC objects, Ingresses, ….</summary>
    public static string Risk(NotificationMessage.Risk r) =>
        $"{r.PolicyId} ({r.Severity}): {r.OpenFindings} open in {r.Workloads} " +
        (PolicyCatalog.Find(r.PolicyId)?.Scope == PolicyScope.Object ? "object(s)" : "workload(s)");

    public static string Expiring(NotificationMessage.ExpiringException e) =>
        $"{string.Join(", ", e.Policies)} on {e.Cluster}, ends {e.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {e.Reason}";
}
