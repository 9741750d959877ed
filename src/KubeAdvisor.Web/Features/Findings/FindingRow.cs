using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>
/// One finding as every reader sees it (pages, CSV, API). <see cref="LastSeen"/> is already resolved by the rule of
/// <see cref="LastSucceededScan"/>: an open finding was last seen by its cluster's last succeeded scan.
/// </summary>
/// <param name="Digests">What the container ran (sorted): now for an open finding, at its last scan for a resolved one.
/// Filled only where asked for (the API), empty otherwise.</param>
/// <param name="Note">Why it opened again when that is not obvious ("exception expired" / "exception revoked"); null otherwise.</param>
/// <param name="TeamId">The owning team (decision 0024); null = unowned.</param>
/// <param name="TeamName">Its name; null when unowned.</param>
public sealed record FindingRow(
    long Id, Guid ClusterId, string ClusterName, Guid WorkloadId, string Namespace, string Kind, string WorkloadName,
    string? Container, ContainerType? ContainerType, string? Image, string PolicyId, Severity Severity, string Message,
    string Remediation, bool IsOpen, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DateTimeOffset? ResolvedAt,
    IReadOnlyList<string> Digests, string? Note, Guid? TeamId = null, string? TeamName = null);
