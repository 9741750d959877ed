using KubeAdvisor.Core.Admission;
using KubeAdvisor.Core.Policies;

namespace KubeAdvisor.Web.Features.Admission;

/// <summary>A cluster's admission mode and what its webhook decided in the last 7 days (today included).</summary>
/// <param name="IsAgent">Only agent-connected clusters have a webhook.</param>
/// <param name="Mode">The mode.</param>
/// <param name="MinSeverity">The deny threshold.</param>
/// <param name="Allowed">Reviews allowed without warnings.</param>
/// <param name="Warned">Reviews allowed with warnings.</param>
/// <param name="Blocked">Reviews refused.</param>
/// <param name="TopBlocking">The policies that refused most often, with their counts (at most 5).</param>
public sealed record AdmissionWeek(
    bool IsAgent, AdmissionMode Mode, Severity MinSeverity, long Allowed, long Warned, long Blocked, IReadOnlyList<PolicyCount> TopBlocking);

/// <summary>A policy and how often.</summary>
public sealed record PolicyCount(string Policy, long Count);
