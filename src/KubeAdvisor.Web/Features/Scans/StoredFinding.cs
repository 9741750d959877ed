using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// An open finding as a scan's previous state holds it (decision 0041): its id and fingerprint, what a partial scan
/// needs to tell whether it judged it (kind, policy), when and by which scan it was last seen (for resolving it), and
/// <see cref="Content"/>, a hash of every other column a scan rewrites, in place of the message and other texts.
/// </summary>
public readonly record struct StoredFinding(long Id, string Fingerprint, string Kind, string PolicyId, DateTimeOffset LastSeen, Guid LastScanId, UInt128 Content)
{
    /// <summary>The columns <see cref="Content"/> covers, as <see cref="FindingWriter"/> writes them back.</summary>
    internal static readonly string[] ContentColumns =
    [
        nameof(FindingRecord.WorkloadId), nameof(FindingRecord.Namespace), nameof(FindingRecord.Kind), nameof(FindingRecord.WorkloadName),
        nameof(FindingRecord.Container), nameof(FindingRecord.ContainerType), nameof(FindingRecord.Image), nameof(FindingRecord.Severity),
        nameof(FindingRecord.Message), nameof(FindingRecord.Remediation), nameof(FindingRecord.ResolvedAt),
    ];

    /// <summary>The one hash of <see cref="ContentColumns"/>, for the stored row and for what a scan would write alike.</summary>
    internal static UInt128 Hash(ContentHash hash, Guid workloadId, string ns, string kind, string workloadName, string? container, ContainerType? type,
        string? image, Severity severity, string message, string remediation, DateTimeOffset? resolvedAt) =>
        hash.Add(workloadId).Add(ns).Add(kind).Add(workloadName).Add(container).Add((int?)type).Add(image).Add((int)severity).Add(message)
            .Add(remediation).Add(resolvedAt).Finish();
}
