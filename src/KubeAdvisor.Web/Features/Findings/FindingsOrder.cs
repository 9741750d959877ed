using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>
/// The orders findings are read in. The default — most severe first, then newest, then id — is the one order of the
/// exports and the API (decision 0013) and the explorer's default; the other labels are the explorer's sort headers.
/// </summary>
internal static class FindingsOrder
{
    /// <param name="sort">severity or null (default), firstSeen, namespace, workload, policy.</param>
    public static IQueryable<FindingRecord> Sort(IQueryable<FindingRecord> q, string? sort, bool desc) => sort switch
    {
        "firstSeen" => desc ? q.OrderByDescending(x => x.FirstSeen).ThenByDescending(x => x.Id) : q.OrderBy(x => x.FirstSeen).ThenBy(x => x.Id),
        "namespace" => desc ? q.OrderByDescending(x => x.Namespace).ThenByDescending(x => x.Id) : q.OrderBy(x => x.Namespace).ThenBy(x => x.Id),
        "workload" => desc ? q.OrderByDescending(x => x.WorkloadName).ThenByDescending(x => x.Id) : q.OrderBy(x => x.WorkloadName).ThenBy(x => x.Id),
        "policy" => desc ? q.OrderByDescending(x => x.PolicyId).ThenByDescending(x => x.Id) : q.OrderBy(x => x.PolicyId).ThenBy(x => x.Id),
        _ => desc
            ? q.OrderByDescending(x => x.Severity).ThenByDescending(x => x.FirstSeen).ThenByDescending(x => x.Id)
            : q.OrderBy(x => x.Severity).ThenBy(x => x.FirstSeen).ThenBy(x => x.Id),
    };
}
