using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Compliance;

/// <summary>A cluster's compliance: its last succeeded scan against the one about a month before it.</summary>
public sealed record ClusterCompliance(
    Guid ClusterId, string ClusterName, DateTimeOffset? ScannedAt, DateTimeOffset? ComparedWith, IReadOnlyList<FrameworkResult> Frameworks);

/// <summary>
/// Reads what the compliance report needs: per-policy totals of a scan (from its stored summaries), for a cluster's
/// last succeeded scan and the last succeeded scan at least <see cref="ComparisonDays"/> days before it.
/// </summary>
public sealed class ComplianceQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    /// <summary>How far back "before" looks: about a month.</summary>
    public const int ComparisonDays = 30;

    /// <summary>One cluster; null when there is no such cluster.</summary>
    public async Task<ClusterCompliance?> ForClusterAsync(Guid clusterId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId)
            .Select(c => new { c.Id, c.Name, c.LastSucceededScanId }).SingleOrDefaultAsync(ct);
        return cluster is null ? null : (await ReadAsync(db, [(cluster.Id, cluster.Name, cluster.LastSucceededScanId)], ct))[0];
    }

    /// <summary>Every cluster, by name.</summary>
    public async Task<IReadOnlyList<ClusterCompliance>> FleetAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = await db.Clusters.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.LastSucceededScanId }).ToListAsync(ct);
        return await ReadAsync(db, clusters.Select(c => (c.Id, c.Name, c.LastSucceededScanId)).ToList(), ct);
    }

    private static async Task<IReadOnlyList<ClusterCompliance>> ReadAsync(
        KubeAdvisorDbContext db, IReadOnlyList<(Guid Id, string Name, Guid? Last)> clusters, CancellationToken ct)
    {
        var lastIds = clusters.Where(c => c.Last is not null).Select(c => c.Last!.Value).ToList();
        var last = await db.Scans.AsNoTracking().Where(s => lastIds.Contains(s.Id))
            .Select(s => new { s.Id, s.ClusterId, s.FinishedAt }).ToDictionaryAsync(s => s.ClusterId, ct);

        // The comparison scan of each cluster: its last succeeded scan finished ComparisonDays before the latest.
        var before = new Dictionary<Guid, (Guid Id, DateTimeOffset? At)>();
        foreach (var (clusterId, scan) in last)
        {
            if (scan.FinishedAt is not { } at)
            {
                continue;
            }

            var cutoff = at.AddDays(-ComparisonDays);
            var earlier = await db.Scans.AsNoTracking()
                .Where(s => s.ClusterId == clusterId && s.Status == ScanStatus.Succeeded && s.FinishedAt <= cutoff)
                .OrderByDescending(s => s.FinishedAt).Select(s => new { s.Id, s.FinishedAt }).FirstOrDefaultAsync(ct);
            if (earlier is not null)
            {
                before[clusterId] = (earlier.Id, earlier.FinishedAt);
            }
        }

        var scanIds = lastIds.Concat(before.Values.Select(b => b.Id)).ToList();
        var totals = (await db.ScanSummaries.AsNoTracking().Where(s => scanIds.Contains(s.ScanId))
                .GroupBy(s => new { s.ScanId, s.PolicyId })
                .Select(g => new { g.Key.ScanId, g.Key.PolicyId, Checks = g.Sum(s => s.Checks), Failed = g.Sum(s => s.Failed) })
                .ToListAsync(ct))
            .GroupBy(r => r.ScanId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, PolicyTotals>)g.ToDictionary(r => r.PolicyId, r => new PolicyTotals(r.Checks, r.Failed)));
        IReadOnlyDictionary<string, PolicyTotals> Of(Guid scanId) =>
            totals.TryGetValue(scanId, out var t) ? t : new Dictionary<string, PolicyTotals>();

        return clusters.Select(c =>
        {
            if (!last.TryGetValue(c.Id, out var scan))
            {
                return new ClusterCompliance(c.Id, c.Name, null, null, ComplianceReport.Evaluate(new Dictionary<string, PolicyTotals>(), null));
            }

            var earlier = before.TryGetValue(c.Id, out var b) ? b : default((Guid Id, DateTimeOffset? At)?);
            return new ClusterCompliance(c.Id, c.Name, scan.FinishedAt, earlier?.At,
                ComplianceReport.Evaluate(Of(scan.Id), earlier is { } e ? Of(e.Id) : null));
        }).ToList();
    }
}
