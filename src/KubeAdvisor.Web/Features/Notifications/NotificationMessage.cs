namespace KubeAdvisor.Web.Features.Notifications;

/// <summary>
/// One message, as planned when its event happened and stored with its delivery (so every attempt sends the same
/// content); each channel type renders it its own way. Sections that do not belong to the event are null. The generic
/// webhook sends it almost as is: docs/notifications.md documents it as schema <c>kubeadvisor.notification/v1</c>.
/// </summary>
/// <param name="Event">A <see cref="NotificationEvents"/> name, or <c>test</c>.</param>
/// <param name="OccurredAt">When the event happened (the scan's end, the health change, the digest run).</param>
/// <param name="Title">One line: the e-mail subject, the Slack header, the card title.</param>
/// <param name="Summary">One or two sentences of plain text.</param>
/// <param name="Url">Where to look in KubeAdvisor (null without KUBEADVISOR_PUBLIC_URL).</param>
/// <param name="Cluster">The cluster, for events of one cluster.</param>
/// <param name="ScanId">The scan, for findings and scan-health events.</param>
/// <param name="Findings">Findings introduced or fixed.</param>
/// <param name="Health">The scan-health change.</param>
/// <param name="Digest">The weekly digest.</param>
public sealed record NotificationMessage(
    string Event,
    DateTimeOffset OccurredAt,
    string Title,
    string Summary,
    string? Url = null,
    NotificationMessage.ClusterRef? Cluster = null,
    Guid? ScanId = null,
    NotificationMessage.FindingList? Findings = null,
    NotificationMessage.HealthChange? Health = null,
    NotificationMessage.DigestReport? Digest = null)
{
    /// <summary>A cluster by id and name, with a link to its page.</summary>
    public sealed record ClusterRef(Guid Id, string Name, string? Url);

    /// <summary>The first findings (most severe first) and how many there are in all.</summary>
    public sealed record FindingList(int Total, IReadOnlyList<FindingItem> Items)
    {
        /// <summary>Findings counted but not listed ("and N more").</summary>
        public int More => Math.Max(0, Total - Items.Count);
    }

    /// <summary>One finding: the workload (with a link to its page), the policy, the image and the severity.</summary>
    public sealed record FindingItem(
        long Id, string Namespace, string Kind, string Workload, string? Container, string? Image, string PolicyId, string Severity,
        string Message, string? Team, string? WorkloadUrl);

    /// <summary>A change of a cluster's scan health.</summary>
    /// <param name="State"><c>healthy</c>, <c>scan-failed</c>, <c>scan-partial</c> or <c>agent-offline</c>.</param>
    /// <param name="PreviousState">The state before (null when it is the first one seen).</param>
    /// <param name="Detail">The scan's error, the kinds a partial scan could not list, or the agent's last contact.</param>
    public sealed record HealthChange(string State, string? PreviousState, string? Detail);

    /// <summary>The weekly digest over the route's clusters.</summary>
    /// <param name="From">First day of the week reported (UTC).</param>
    /// <param name="To">Last day (UTC).</param>
    /// <param name="Clusters">The clusters it covers.</param>
    /// <param name="Now">Score and grade now (latest daily rollup of each cluster, pooled).</param>
    /// <param name="WeekAgo">Score and grade a week ago (null without rollups that old).</param>
    /// <param name="Introduced">Findings introduced during the week (daily rollups).</param>
    /// <param name="Fixed">Findings fixed during the week (daily rollups).</param>
    /// <param name="OpenFindings">Open findings now that pass the route's filters.</param>
    /// <param name="TopRisks">The five policies with the most weight of open findings (severity weight × findings).</param>
    /// <param name="ExpiringExceptions">Approved exceptions that end within 7 days.</param>
    public sealed record DigestReport(
        DateOnly From, DateOnly To, IReadOnlyList<ClusterRef> Clusters, ScorePoint? Now, ScorePoint? WeekAgo, int Introduced, int Fixed,
        int OpenFindings, IReadOnlyList<Risk> TopRisks, IReadOnlyList<ExpiringException> ExpiringExceptions);

    /// <summary>A score (0-100) and its grade (A-F).</summary>
    public sealed record ScorePoint(double Score, string Grade);

    /// <summary>A policy and its open findings in scope.</summary>
    public sealed record Risk(string PolicyId, string Severity, int OpenFindings, int Workloads);

    /// <summary>An approved exception about to end.</summary>
    public sealed record ExpiringException(Guid Id, string Cluster, IReadOnlyList<string> Policies, DateTimeOffset ExpiresAt, string Reason);
}
