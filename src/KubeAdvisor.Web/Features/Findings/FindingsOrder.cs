using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>
/// The orders findings are read in. The default — most severe first, then newest, then id — is the one order of the
/// exports and the API (decision 0013) and the explorer's default; the other labels are the explorer's sort headers.
/// Every order runs all its columns in one direction, so the keyset condition of a cursor is one row-value comparison
/// that PostgreSQL can start an index scan at (decision 0017).
/// </summary>
internal static class FindingsOrder
{
    public static readonly IReadOnlyList<string> Labels = ["severity", "firstSeen", "namespace", "workload", "policy"];

    /// <summary>The label an order is known by (unknown and null: severity, the default).</summary>
    public static string Label(string? sort) => sort is not null && Labels.Contains(sort) ? sort : "severity";

    /// <param name="sort">severity or null (default), firstSeen, namespace, workload, policy.</param>
    public static IQueryable<FindingRecord> Sort(IQueryable<FindingRecord> q, string? sort, bool desc) => Label(sort) switch
    {
        "firstSeen" => desc ? q.OrderByDescending(x => x.FirstSeen).ThenByDescending(x => x.Id) : q.OrderBy(x => x.FirstSeen).ThenBy(x => x.Id),
        "namespace" => desc ? q.OrderByDescending(x => x.Namespace).ThenByDescending(x => x.Id) : q.OrderBy(x => x.Namespace).ThenBy(x => x.Id),
        "workload" => desc ? q.OrderByDescending(x => x.WorkloadName).ThenByDescending(x => x.Id) : q.OrderBy(x => x.WorkloadName).ThenBy(x => x.Id),
        "policy" => desc ? q.OrderByDescending(x => x.PolicyId).ThenByDescending(x => x.Id) : q.OrderBy(x => x.PolicyId).ThenBy(x => x.Id),
        _ => desc
            ? q.OrderByDescending(x => x.Severity).ThenByDescending(x => x.FirstSeen).ThenByDescending(x => x.Id)
            : q.OrderBy(x => x.Severity).ThenBy(x => x.FirstSeen).ThenBy(x => x.Id),
    };

    /// <summary>The rows strictly after the cursor in its order: (key…, id) &lt; (cursor…) descending, &gt; ascending.</summary>
    public static IQueryable<FindingRecord> After(IQueryable<FindingRecord> q, FindingsCursor c)
    {
        var id = c.Id;
        switch (c.Sort)
        {
            case "firstSeen":
                var at = c.At!.Value;
                return c.Descending
                    ? q.Where(x => EF.Functions.LessThan(ValueTuple.Create(x.FirstSeen, x.Id), ValueTuple.Create(at, id)))
                    : q.Where(x => EF.Functions.GreaterThan(ValueTuple.Create(x.FirstSeen, x.Id), ValueTuple.Create(at, id)));
            case "namespace":
                var ns = c.Key!;
                return c.Descending
                    ? q.Where(x => EF.Functions.LessThan(ValueTuple.Create(x.Namespace, x.Id), ValueTuple.Create(ns, id)))
                    : q.Where(x => EF.Functions.GreaterThan(ValueTuple.Create(x.Namespace, x.Id), ValueTuple.Create(ns, id)));
            case "workload":
                var name = c.Key!;
                return c.Descending
                    ? q.Where(x => EF.Functions.LessThan(ValueTuple.Create(x.WorkloadName, x.Id), ValueTuple.Create(name, id)))
                    : q.Where(x => EF.Functions.GreaterThan(ValueTuple.Create(x.WorkloadName, x.Id), ValueTuple.Create(name, id)));
            case "policy":
                var policy = c.Key!;
                return c.Descending
                    ? q.Where(x => EF.Functions.LessThan(ValueTuple.Create(x.PolicyId, x.Id), ValueTuple.Create(policy, id)))
                    : q.Where(x => EF.Functions.GreaterThan(ValueTuple.Create(x.PolicyId, x.Id), ValueTuple.Create(policy, id)));
            default:
                var severity = c.KeySeverity;
                var seen = c.At!.Value;
                return c.Descending
                    ? q.Where(x => EF.Functions.LessThan(ValueTuple.Create(x.Severity, x.FirstSeen, x.Id), ValueTuple.Create(severity, seen, id)))
                    : q.Where(x => EF.Functions.GreaterThan(ValueTuple.Create(x.Severity, x.FirstSeen, x.Id), ValueTuple.Create(severity, seen, id)));
        }
    }
}
