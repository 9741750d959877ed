namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>An exception as the API returns it and the pages list it.</summary>
public sealed record ExceptionView(
    Guid Id,
    Guid? ClusterId,
    string ClusterName,
    string? Namespace,
    string? Kind,
    string? Name,
    string? Container,
    string? Image,
    IReadOnlyList<string> Policies,
    string Reason,
    string? TicketUrl,
    DateTimeOffset ExpiresAt,
    string Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionComment,
    string? RevokedBy,
    DateTimeOffset? RevokedAt,
    string? RevokeComment,
    int? MatchedChecks,
    DateTimeOffset? MatchedAt)
{
    /// <summary>Where exemptions come from: "exception" here; annotation exemptions are listed apart.</summary>
    public string Source => "exception";

    /// <summary>The scope in one line, e.g. <c>payments/*/api-* container app</c>.</summary>
    public string ScopeText => new Core.Exceptions.ExceptionScope(Namespace, Kind, Name, Container, Image).ToString();
}

/// <summary>
/// A workload exempted by the <c>kubeadvisor.io/exempt</c> annotation (read-only, source "annotation"), with whether
/// the cluster's annotation mode lets it count and why not.
/// </summary>
public sealed record AnnotationExemptionView(
    Guid ClusterId,
    string ClusterName,
    Guid WorkloadId,
    string Namespace,
    string Kind,
    string Name,
    string Policies,
    string? Reason,
    string? Until,
    string Mode,
    bool Effective,
    string? WhyNot)
{
    public string Source => "annotation";
}
