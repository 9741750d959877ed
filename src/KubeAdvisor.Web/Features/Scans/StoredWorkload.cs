namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// A workloads row as a scan's previous state holds it (decision 0041): its id and uid, its kind (a scan that could not
/// list a kind keeps those rows), whether it is gone and when it was last seen (for marking it gone), and
/// <see cref="Content"/>, a hash of every other column a scan rewrites, in place of the texts.
/// </summary>
public readonly record struct StoredWorkload(Guid Id, string Uid, string Kind, bool IsGone, DateTimeOffset LastSeen, UInt128 Content)
{
    /// <summary>The columns <see cref="Content"/> covers, as <see cref="WorkloadWriter"/> writes them back.</summary>
    internal static readonly string[] ContentColumns =
    [
        nameof(Data.Entities.WorkloadRecord.Kind), nameof(Data.Entities.WorkloadRecord.Namespace), nameof(Data.Entities.WorkloadRecord.Name),
        nameof(Data.Entities.WorkloadRecord.Replicas), nameof(Data.Entities.WorkloadRecord.AnnotationsJson),
        nameof(Data.Entities.WorkloadRecord.ContainersJson), nameof(Data.Entities.WorkloadRecord.LabelsJson), nameof(Data.Entities.WorkloadRecord.TeamId),
    ];

    /// <summary>The one hash of <see cref="ContentColumns"/>, for the stored row and for what a scan would write alike.</summary>
    internal static UInt128 Hash(ContentHash hash, string kind, string ns, string name, int? replicas, string annotations, string containers, string labels,
        Guid? team) =>
        hash.Add(kind).Add(ns).Add(name).Add(replicas).Add(annotations).Add(containers).Add(labels).Add(team).Finish();
}
