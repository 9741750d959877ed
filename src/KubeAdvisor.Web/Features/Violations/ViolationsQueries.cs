using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Violations;

/// <summary>
/// Open findings across clusters, filtered, sorted and paged in PostgreSQL. The default order (severity, first seen, id)
/// walks the (IsOpen, Severity, FirstSeen) index, so the first pages answer without sorting 100,000 rows; see
/// docs/decisions/0003-dashboard-refresh.md for the EXPLAIN notes.
/// </summary>
public sealed class ViolationsQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    public const int MaxPageSize = 200;

    public sealed record Row(
        long Id, Guid ClusterId, string ClusterName, string Namespace, string Kind, string WorkloadName, Guid WorkloadId,
        string? Container, string? Image, string PolicyId, int Severity, string Message, DateTimeOffset FirstSeen);

    public sealed record Page(IReadOnlyList<Row> Rows, int Total);

    public sealed record ClusterOption(Guid Id, string Name);

    public async Task<IReadOnlyList<ClusterOption>> ClustersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Clusters.AsNoTracking().OrderBy(c => c.Name).Select(c => new ClusterOption(c.Id, c.Name)).ToListAsync(ct);
    }

    /// <param name="sort">severity (default), firstSeen, namespace, workload, policy.</param>
    public async Task<Page> PageAsync(ViolationsFilter filter, int page, int pageSize, string? sort, bool descending, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Apply(db.Findings.AsNoTracking(), filter);
        var total = await query.CountAsync(ct);
        var rows = await Project(Sort(query, sort, descending).Skip(Math.Max(0, page) * pageSize).Take(pageSize)).ToListAsync(ct);
        var names = await NamesAsync(db, ct);
        return new Page(rows.Select(r => r with { ClusterName = names.GetValueOrDefault(r.ClusterId, "?") }).ToList(), total);
    }

    /// <summary>Every row of the filtered set, streamed in the default order (for the CSV export).</summary>
    public async IAsyncEnumerable<Row> StreamAsync(ViolationsFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var names = await NamesAsync(db, ct);
        await foreach (var row in Project(Sort(Apply(db.Findings.AsNoTracking(), filter), null, true)).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row with { ClusterName = names.GetValueOrDefault(row.ClusterId, "?") };
        }
    }

    internal static IQueryable<FindingRecord> Apply(IQueryable<FindingRecord> q, ViolationsFilter f)
    {
        q = q.Where(x => x.IsOpen);
        if (f.Cluster is { } cluster)
        {
            q = q.Where(x => x.ClusterId == cluster);
        }

        if (f.Namespace is { } ns)
        {
            q = q.Where(x => x.Namespace == ns);
        }

        if (f.Policy is { } policy)
        {
            q = q.Where(x => x.PolicyId == policy);
        }

        if (f.Severity is { } severity)
        {
            q = q.Where(x => x.Severity == (int)severity);
        }

        if (f.Kind is { } kind)
        {
            q = q.Where(x => x.Kind == kind);
        }

        if (f.Text is { } text)
        {
            // One trigram-indexed column (findings.SearchText: workload, namespace, image, message, container, lower-cased).
            var pattern = "%" + text.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            q = q.Where(x => EF.Functions.Like(x.SearchText, pattern, "\\"));
        }

        return q;
    }

    private static IQueryable<FindingRecord> Sort(IQueryable<FindingRecord> q, string? sort, bool desc) => sort switch
    {
        "firstSeen" => desc ? q.OrderByDescending(x => x.FirstSeen).ThenByDescending(x => x.Id) : q.OrderBy(x => x.FirstSeen).ThenBy(x => x.Id),
        "namespace" => desc ? q.OrderByDescending(x => x.Namespace).ThenByDescending(x => x.Id) : q.OrderBy(x => x.Namespace).ThenBy(x => x.Id),
        "workload" => desc ? q.OrderByDescending(x => x.WorkloadName).ThenByDescending(x => x.Id) : q.OrderBy(x => x.WorkloadName).ThenBy(x => x.Id),
        "policy" => desc ? q.OrderByDescending(x => x.PolicyId).ThenByDescending(x => x.Id) : q.OrderBy(x => x.PolicyId).ThenBy(x => x.Id),
        _ => desc
            ? q.OrderByDescending(x => x.Severity).ThenByDescending(x => x.FirstSeen).ThenByDescending(x => x.Id)
            : q.OrderBy(x => x.Severity).ThenBy(x => x.FirstSeen).ThenBy(x => x.Id),
    };

    // Cluster names are joined in memory (a few dozen rows) so the paged query stays on the findings index alone.
    private static IQueryable<Row> Project(IQueryable<FindingRecord> q) =>
        q.Select(f => new Row(f.Id, f.ClusterId, "", f.Namespace, f.Kind, f.WorkloadName, f.WorkloadId, f.Container, f.Image,
            f.PolicyId, f.Severity, f.Message, f.FirstSeen));

    private static Task<Dictionary<Guid, string>> NamesAsync(KubeAdvisorDbContext db, CancellationToken ct) =>
        db.Clusters.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
}
