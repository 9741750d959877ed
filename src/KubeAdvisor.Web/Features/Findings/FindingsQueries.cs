using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>
/// The one reader of findings (the explorer, the workload page, the CSV exports and the API): filters, order, paging
/// and projection to <see cref="FindingRow"/> with LastSeen resolved by the rule of <see cref="LastSucceededScan"/>.
/// Nothing else reads findings' LastSeen/LastScanId. The default order (severity, first seen, id) walks the
/// (IsOpen, Severity, FirstSeen) index, so the first pages answer without sorting 100,000 rows (decision 0003).
/// </summary>
public sealed class FindingsQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    /// <summary>The largest page anyone asks for (the API's pageSize limit).</summary>
    public const int MaxPageSize = 1000;

    /// <param name="Next">Where the next page starts (keyset), null on the last page.</param>
    public sealed record Page(IReadOnlyList<FindingRow> Rows, int Total, FindingsCursor? Next = null);

    public sealed record ClusterOption(Guid Id, string Name);

    /// <summary>A workload's findings (open first, most severe first; then the latest resolved) and when the workload was last seen.</summary>
    public sealed record ForWorkload(DateTimeOffset WorkloadLastSeen, IReadOnlyList<FindingRow> Findings);

    public async Task<IReadOnlyList<ClusterOption>> ClustersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Clusters.AsNoTracking().OrderBy(c => c.Name).Select(c => new ClusterOption(c.Id, c.Name)).ToListAsync(ct);
    }

    public async Task<bool> ClusterExistsAsync(Guid clusterId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Clusters.AnyAsync(c => c.Id == clusterId, ct);
    }

    /// <param name="page">0-based; ignored when <paramref name="after"/> is given.</param>
    /// <param name="sort">severity (default), firstSeen, namespace, workload, policy.</param>
    /// <param name="withDigests">Also the running digests of each finding's container (the API's answer).</param>
    /// <param name="after">Keyset paging: the rows after this cursor, which must be of the same sort and direction.</param>
    public async Task<Page> PageAsync(FindingsFilter filter, int page, int pageSize, string? sort = null, bool descending = true,
        bool withDigests = false, CancellationToken ct = default, FindingsCursor? after = null)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Apply(db.Findings.AsNoTracking(), filter);
        var total = await query.CountAsync(ct);
        // One row more than the page tells whether there is a next page without a second query.
        var stored = await Project(Window(query, sort, descending, page, pageSize, after).Take(pageSize + 1)).ToListAsync(ct);
        var more = stored.Count > pageSize;
        if (more)
        {
            stored.RemoveAt(pageSize);
        }

        var clusters = await ClusterFacts.LoadAsync(db, filter.Cluster, ct);
        var digests = withDigests ? await RunningDigests.LoadAsync(db, stored, clusters, ct) : null;
        var rows = stored.Select(s => clusters.Resolve(s, digests)).ToList();
        return new Page(rows, total, more ? FindingsCursor.After(rows[^1], sort, descending) : null);
    }

    /// <summary>
    /// Every row of the filtered set in the default order, or one page of it (the CSV exports). Rows go out as PostgreSQL
    /// sends them: nothing is held but the row being written.
    /// </summary>
    public async IAsyncEnumerable<FindingRow> StreamAsync(FindingsFilter filter, int? page = null, int? pageSize = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default, FindingsCursor? after = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = await ClusterFacts.LoadAsync(db, filter.Cluster, ct);
        var query = Apply(db.Findings.AsNoTracking(), filter);
        if (page is not null || pageSize is not null || after is not null)
        {
            var size = Math.Clamp(pageSize ?? 100, 1, MaxPageSize);
            query = Window(query, null, true, Math.Max(1, page ?? 1) - 1, size, after).Take(size);
        }
        else
        {
            query = FindingsOrder.Sort(query, null, true);
        }

        await foreach (var stored in Project(query).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return clusters.Resolve(stored, null);
        }
    }

    /// <summary>
    /// A cluster's open findings in namespace order (then id), with their running digests, page by page (keyset): a cluster
    /// of any size is read in bounded memory, one short query per page (the openreports Reports, decision 0031).
    /// </summary>
    /// <param name="ns">Only this namespace (null: all).</param>
    public async IAsyncEnumerable<IReadOnlyList<FindingRow>> OpenByNamespaceAsync(Guid clusterId, string? ns = null, int pageSize = MaxPageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        ClusterFacts? clusters = null;
        FindingsCursor? after = null;
        while (true)
        {
            List<FindingRow> rows;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                clusters ??= await ClusterFacts.LoadAsync(db, clusterId, ct);
                var query = Window(Apply(db.Findings.AsNoTracking(), new FindingsFilter(clusterId, ns)), "namespace", false, 0, pageSize, after);
                var stored = await Project(query.Take(pageSize)).ToListAsync(ct);
                var digests = await RunningDigests.LoadAsync(db, stored, clusters, ct);
                rows = [.. stored.Select(s => clusters.Resolve(s, digests))];
            }

            if (rows.Count > 0)
            {
                yield return rows;
            }

            if (rows.Count < pageSize)
            {
                yield break;
            }

            after = FindingsCursor.After(rows[^1], "namespace", false);
        }
    }

    // Ordered, and positioned either after a cursor (keyset) or at an offset (page·size; cheap only for the first pages).
    private static IQueryable<FindingRecord> Window(IQueryable<FindingRecord> q, string? sort, bool descending, int page, int pageSize,
        FindingsCursor? after)
    {
        if (after is null)
        {
            return FindingsOrder.Sort(q, sort, descending).Skip(Math.Max(0, page) * pageSize);
        }

        if (after.Sort != FindingsOrder.Label(sort) || after.Descending != descending)
        {
            throw new ArgumentException($"The cursor is for {after.Sort} {(after.Descending ? "desc" : "asc")}, not this order.", nameof(after));
        }

        return FindingsOrder.Sort(FindingsOrder.After(q, after), sort, descending);
    }

    /// <summary>null when the workload does not exist in that cluster.</summary>
    public async Task<ForWorkload?> ForWorkloadAsync(Guid clusterId, Guid workloadId, int resolvedShown, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workload = await db.Workloads.AsNoTracking().Where(w => w.Id == workloadId && w.ClusterId == clusterId)
            .Select(w => new { w.LastSeen, w.GoneAt }).FirstOrDefaultAsync(ct);
        if (workload is null)
        {
            return null;
        }

        var clusters = await ClusterFacts.LoadAsync(db, clusterId, ct);
        var findings = db.Findings.AsNoTracking().Where(f => f.WorkloadId == workloadId);
        var open = await Project(findings.Where(f => f.IsOpen)
            .OrderByDescending(f => f.Severity).ThenBy(f => f.Container).ThenBy(f => f.PolicyId)).ToListAsync(ct);
        var resolved = await Project(findings.Where(f => !f.IsOpen)
            .OrderByDescending(f => f.ResolvedAt).Take(resolvedShown)).ToListAsync(ct);
        // A present workload, as an open finding, was last seen by the last succeeded scan; a gone one keeps its stored time.
        var lastSeen = workload.GoneAt is null ? clusters.Last(clusterId).SeenAt(workload.LastSeen) : workload.LastSeen;
        return new ForWorkload(lastSeen, [.. open.Concat(resolved).Select(s => clusters.Resolve(s, null))]);
    }

    internal static IQueryable<FindingRecord> Apply(IQueryable<FindingRecord> q, FindingsFilter f)
    {
        var open = !f.Resolved;
        q = q.Where(x => x.IsOpen == open);
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
            q = q.Where(x => x.Severity == severity);
        }

        if (f.Kind is { } kind)
        {
            q = q.Where(x => x.Kind == kind);
        }

        if (f.Team == FindingsFilter.Unowned)
        {
            q = q.Where(x => x.TeamId == null);
        }
        else if (f.Team is not null)
        {
            // An unresolved "mine" or a malformed value names no team: nothing, never everything.
            List<Guid?> teams = [.. f.TeamIds.Select(t => (Guid?)t)];
            var one = teams.Count == 1 ? teams[0] : null;
            q = teams.Count switch
            {
                0 => q.Where(x => false),
                1 => q.Where(x => x.TeamId == one),
                _ => q.Where(x => teams.Contains(x.TeamId)),
            };
        }

        if (f.Text is { } text)
        {
            // One trigram-indexed column (findings.SearchText: workload, namespace, image, message, container, lower-cased).
            var pattern = "%" + text.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            q = q.Where(x => EF.Functions.Like(x.SearchText, pattern, "\\"));
        }

        return q;
    }

    // The stored columns, LastSeen/LastScanId as stored: only ClusterFacts.Resolve turns them into what a reader sees.
    private static IQueryable<StoredFinding> Project(IQueryable<FindingRecord> q) =>
        q.Select(f => new StoredFinding(f.Id, f.ClusterId, f.WorkloadId, f.Namespace, f.Kind, f.WorkloadName, f.Container, f.ContainerType,
            f.Image, f.PolicyId, f.Severity, f.Message, f.Remediation, f.IsOpen, f.FirstSeen, f.LastSeen, f.ResolvedAt, f.LastScanId, f.Note, f.TeamId));
}
