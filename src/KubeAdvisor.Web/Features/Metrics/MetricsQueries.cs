using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Metrics;

/// <summary>
/// The reads behind /metrics. Everything is counted or ranked in SQL: no finding row, workload or score sample of a
/// namespace beyond the worst N reaches memory, so a refresh at 500 clusters reads a few hundred rows per cluster that
/// changed (docs/metrics.md, "Cost"). Open findings follow the one rule (IsOpen: seen by the last succeeded scan) and
/// scores are the stored ones of the last succeeded scan, as the API reads them (ClusterQueries).
/// </summary>
public sealed class MetricsQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    /// <summary>One statement; clusters and the delivery log are small, the scan parts run on indexes.</summary>
    public async Task<MetricsStamp> StampAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.SqlQueryRaw<MetricsStamp>("""
            SELECT (SELECT count(*) FROM clusters)::int AS "Clusters",
                   (SELECT max("LastScanAt") FROM clusters) AS "LastScanAt",
                   (SELECT max("AgentLastContactAt") FROM clusters) AS "LastAgentContact",
                   (SELECT count(*) FROM scans WHERE "Status" IN (0, 1))::int AS "ActiveScans",
                   (SELECT max("FinishedAt") FROM scans WHERE "FinishedAt" IS NOT NULL) AS "LastFinished",
                   (SELECT count(*) FROM notification_deliveries) AS "Deliveries",
                   (SELECT max(GREATEST("CreatedAt", "LastAttemptAt", "DeliveredAt")) FROM notification_deliveries) AS "LastDeliveryChange"
            """).SingleAsync(ct);
    }

    /// <summary>Every cluster with the score of its last succeeded scan and its latest finished scan (a few index rows each).</summary>
    public async Task<IReadOnlyList<ClusterMetricRow>> ClustersAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Clusters.AsNoTracking().Select(c => new
        {
            c.Id, c.Name, c.ConnectionType, c.LastSucceededScanId, c.AgentLastContactAt,
            Sample = db.ScoreSamples.Where(s => s.ScanId == c.LastSucceededScanId && s.Namespace == "")
                .Select(s => new { s.Score, s.PassedWeight, s.FailedWeight }).FirstOrDefault(),
            LastSuccessAt = db.Scans.Where(s => s.Id == c.LastSucceededScanId).Select(s => s.FinishedAt).FirstOrDefault(),
            // Newest by queue time on the (ClusterId, QueuedAt) index: scans of one cluster run one at a time.
            LastFinished = db.Scans.Where(s => s.ClusterId == c.Id && s.FinishedAt != null).OrderByDescending(s => s.QueuedAt)
                .Select(s => new { s.Status, s.FinishedAt }).FirstOrDefault(),
        }).ToListAsync(ct);
        return rows.Select(r => new ClusterMetricRow(
            r.Id, r.Name, r.ConnectionType == ConnectionType.Agent, r.LastSucceededScanId,
            r.Sample?.Score, r.Sample is { } s ? Scores.GradeOf(s.PassedWeight, s.FailedWeight) : null,
            r.LastFinished?.FinishedAt, r.LastFinished is { } f ? f.Status == ScanStatus.Succeeded : null,
            r.LastSuccessAt, r.AgentLastContactAt)).ToList();
    }

    /// <summary>
    /// The namespace scores of these clusters' last succeeded scans: the <paramref name="top"/> worst by name (lowest
    /// score, then name), the rest summed into one row with a null namespace. A real namespace called "other" ranks
    /// last, so it is pooled whenever there is a pool and never shares a series with it.
    /// </summary>
    public async Task<IReadOnlyList<NamespaceScoreRow>> NamespacesAsync(IReadOnlyCollection<Guid> clusterIds, int top, CancellationToken ct)
    {
        if (clusterIds.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = clusterIds.ToArray();
        return await db.Database.SqlQuery<NamespaceScoreRow>($"""
            WITH ranked AS (
                SELECT s."ClusterId", s."Score", s."PassedWeight", s."FailedWeight",
                       CASE WHEN row_number() OVER (PARTITION BY s."ClusterId"
                                                    ORDER BY (s."Namespace" = {MetricNames.OtherNamespace}), s."Score", s."Namespace") <= {top}
                            THEN s."Namespace" END AS "Key"
                FROM clusters c JOIN score_samples s ON s."ScanId" = c."LastSucceededScanId"
                WHERE c."Id" = ANY({ids}) AND s."Namespace" <> ''
            )
            SELECT "ClusterId", "Key" AS "Namespace",
                   min("Score") AS "Score", sum("PassedWeight") AS "PassedWeight", sum("FailedWeight") AS "FailedWeight",
                   count(*)::int AS "Count"
            FROM ranked
            GROUP BY "ClusterId", "Key"
            """).ToListAsync(ct);
    }

    /// <summary>Open findings of these clusters by policy and severity, counted on the open-findings indexes.</summary>
    public async Task<IReadOnlyList<FindingCountRow>> OpenFindingsAsync(IReadOnlyCollection<Guid> clusterIds, CancellationToken ct)
    {
        if (clusterIds.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = clusterIds.ToList();
        return await db.Findings.AsNoTracking().Where(f => f.IsOpen && ids.Contains(f.ClusterId))
            .GroupBy(f => new { f.ClusterId, f.PolicyId, f.Severity })
            .Select(g => new FindingCountRow(g.Key.ClusterId, g.Key.PolicyId, g.Key.Severity, g.Count()))
            .ToListAsync(ct);
    }

    /// <summary>Scans finished at or after <paramref name="since"/> (on the FinishedAt index; a few minutes' worth).</summary>
    public async Task<IReadOnlyList<FinishedScanRow>> FinishedSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Scans.AsNoTracking().Where(s => s.FinishedAt >= since)
            .Select(s => new FinishedScanRow(s.Id, s.Status, s.StartedAt, s.FinishedAt!.Value, s.FailureReason, s.UnavailableKinds != null))
            .ToListAsync(ct);
    }

    /// <summary>Queued and running scans (the partial index of active scans).</summary>
    public async Task<(int Queued, int Running)> ActiveScansAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Scans.AsNoTracking().Where(s => s.Status == ScanStatus.Queued || s.Status == ScanStatus.Running)
            .GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return (counts.Where(c => c.Key == ScanStatus.Queued).Sum(c => c.Count), counts.Where(c => c.Key == ScanStatus.Running).Sum(c => c.Count));
    }

    /// <summary>The delivery log (kept bounded per channel) by channel type and status.</summary>
    public async Task<IReadOnlyList<DeliveryCountRow>> DeliveriesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.NotificationDeliveries.AsNoTracking()
            .Join(db.NotificationChannels, d => d.ChannelId, c => c.Id, (d, c) => new { c.Type, d.Status })
            .GroupBy(x => new { x.Type, x.Status })
            .Select(g => new DeliveryCountRow(g.Key.Type, g.Key.Status, g.Count()))
            .ToListAsync(ct);
    }
}
