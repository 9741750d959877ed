using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>A finding's columns as stored (LastSeen/LastScanId raw); private to this module, see <see cref="ClusterFacts"/>.</summary>
internal sealed record StoredFinding(
    long Id, Guid ClusterId, Guid WorkloadId, string Namespace, string Kind, string WorkloadName, string? Container,
    ContainerType? ContainerType, string? Image, string PolicyId, Severity Severity, string Message, string Remediation, bool IsOpen,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DateTimeOffset? ResolvedAt, Guid LastScanId, string? Note, Guid? TeamId);
