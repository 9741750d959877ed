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

    public sealed record Page(IReadOnlyList<FindingRow> Rows, int Total);

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

    /// <param name="page">0-based.</param>
    /// <param name="sort">severity (default), firstSeen, namespace, workload, policy.</param>
    /// <param name="withDigests">Also the running digests of each finding's container (the API's answer).</param>
    public async Task<Page> PageAsync(FindingsFilter filter, int page, int pageSize, string? sort = null, bool descending = true,
        bool withDigests = false, CancellationToken ct = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Apply(db.Findings.AsNoTracking(), filter);
        var total = await query.CountAsync(ct);
        var stored = await Project(FindingsOrder.Sort(query, sort, descending).Skip(Math.Max(0, page) * pageSize).Take(pageSize)).ToListAsync(ct);
        var clusters = await ClusterFacts.LoadAsync(db, filter.Cluster, ct);
        var digests = withDigests ? await RunningDigests.LoadAsync(db, stored, clusters, ct) : null;
        return new Page([.. stored.Select(s => clusters.Resolve(s, digests))], total);
    }

    /// <summary>Every row of the filtered set in the default order, or one page of it (the CSV exports).</summary>
    public async IAsyncEnumerable<FindingRow> StreamAsync(FindingsFilter filter, int? page = null, int? pageSize = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = await ClusterFacts.LoadAsync(db, filter.Cluster, ct);
        var query = FindingsOrder.Sort(Apply(db.Findings.AsNoTracking(), filter), null, true);
        if (page is not null || pageSize is not null)
        {
            var size = Math.Clamp(pageSize ?? 100, 1, MaxPageSize);
            query = query.Skip((Math.Max(1, page ?? 1) - 1) * size).Take(size);
        }

        await foreach (var stored in Project(query).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return clusters.Resolve(stored, null);
        }
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
            f.Image, f.PolicyId, f.Severity, f.Message, f.Remediation, f.IsOpen, f.FirstSeen, f.LastSeen, f.ResolvedAt, f.LastScanId));
}
