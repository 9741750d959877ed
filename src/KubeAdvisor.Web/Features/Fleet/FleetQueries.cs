using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Agents;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Fleet;

/// <summary>
/// Every cluster of the fleet table in five flat queries, whatever the number of clusters, each on an index: the
/// clusters with the id of their latest scan (scalar subquery on (ClusterId, QueuedAt)), those scans by key, the
/// cluster score samples of the last succeeded scans (by ScanId), open findings per cluster × severity (the partial
/// open-findings index) and the cluster rollups of the last <see cref="SparklineDays"/> days (sparkline and change).
/// Never a scan's history: see decision 0019.
/// </summary>
public sealed class FleetQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory, TimeProvider time)
{
    public const int SparklineDays = 30;

    /// <summary>"Change" compares with the daily score of this many days ago.</summary>
    public const int ChangeDays = 7;

    public async Task<IReadOnlyList<FleetRow>> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = await db.Clusters.AsNoTracking().Select(c => new
        {
            c.Id, c.Name, c.IsDemo, c.ConnectionType, c.ScanIntervalMinutes, c.LabelsJson, c.LastScanAt, c.LastSucceededScanId,
            AgentTokenActive = c.AgentTokenHash != null, c.AgentLastContactAt, c.AgentIntervalMinutes,
            LastScanId = db.Scans.Where(s => s.ClusterId == c.Id).OrderByDescending(s => s.QueuedAt).Select(s => (Guid?)s.Id).FirstOrDefault(),
        }).ToListAsync(ct);
        if (clusters.Count == 0)
        {
            return [];
        }

        var lastIds = clusters.Select(c => c.LastScanId).OfType<Guid>().ToList();
        var last = await db.Scans.AsNoTracking().Where(s => lastIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Status, s.Error }).ToDictionaryAsync(s => s.Id, ct);
        var succeededIds = clusters.Select(c => c.LastSucceededScanId).OfType<Guid>().ToList();
        var samples = await db.ScoreSamples.AsNoTracking().Where(s => succeededIds.Contains(s.ScanId) && s.Namespace == "")
            .Select(s => new { s.ScanId, s.PassedWeight, s.FailedWeight }).ToDictionaryAsync(s => s.ScanId, ct);
        var open = (await db.Findings.AsNoTracking().Where(f => f.IsOpen)
                .GroupBy(f => new { f.ClusterId, f.Severity })
                .Select(g => new { g.Key.ClusterId, g.Key.Severity, Count = g.Count() })
                .ToListAsync(ct))
            .ToLookup(o => o.ClusterId);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = today.AddDays(-SparklineDays);
        var rollups = (await db.DailyRollups.AsNoTracking().Where(r => r.Namespace == "" && r.Day > from)
                .Select(r => new { r.ClusterId, r.Day, r.Score }).ToListAsync(ct))
            .ToLookup(r => r.ClusterId);

        var now = time.GetUtcNow();
        return clusters.Select(c =>
        {
            var sample = c.LastSucceededScanId is { } s ? samples.GetValueOrDefault(s) : null;
            var lastScan = c.LastScanId is { } l ? last.GetValueOrDefault(l) : null;
            var days = rollups[c.Id].OrderBy(r => r.Day).Select(r => (r.Day, r.Score)).ToList();
            double? score = sample is null ? null : Scores.Exact(sample.PassedWeight, sample.FailedWeight);
            return new FleetRow(
                c.Id, c.Name, c.IsDemo, c.ConnectionType, c.ScanIntervalMinutes, ClusterLabels.FromJson(c.LabelsJson),
                score, sample is null ? null : Scores.GradeOf(sample.PassedWeight, sample.FailedWeight),
                sample?.PassedWeight ?? 0, sample?.FailedWeight ?? 0,
                ChangeOf(score, days, today),
                open[c.Id].ToDictionary(o => o.Severity, o => o.Count),
                days.Select(d => Math.Round(d.Score, 1)).ToList(),
                c.LastScanAt, lastScan?.Status, lastScan?.Error,
                c.ConnectionType == ConnectionType.Agent
                    ? AgentConnection(AgentLiveness.StateOf(c.AgentTokenActive, c.AgentLastContactAt, c.AgentIntervalMinutes, now), lastScan?.Status)
                    : ScanConnection(lastScan?.Status));
        }).ToList();
    }

    /// <summary>
    /// Score now minus the daily score <see cref="ChangeDays"/> days ago: that day's rollup, or when the cluster was
    /// not scanned that day the latest day before it within the sparkline window. Null without a score or such a day.
    /// </summary>
    public static double? ChangeOf(double? score, IReadOnlyList<(DateOnly Day, double Score)> days, DateOnly today)
    {
        if (score is not { } now)
        {
            return null;
        }

        var then = today.AddDays(-ChangeDays);
        var before = days.Where(d => d.Day <= then).OrderByDescending(d => d.Day).Select(d => (double?)d.Score).FirstOrDefault();
        return before is { } b ? Math.Round(now - b, 1) : null;
    }

    private static FleetConnection ScanConnection(ScanStatus? last) => last switch
    {
        null => FleetConnection.NeverScanned,
        ScanStatus.Queued or ScanStatus.Running => FleetConnection.Scanning,
        ScanStatus.Failed => FleetConnection.Failing,
        _ => FleetConnection.Ok,
    };

    private static FleetConnection AgentConnection(AgentState agent, ScanStatus? last) => agent switch
    {
        AgentState.Revoked => FleetConnection.AgentRevoked,
        AgentState.NeverConnected => FleetConnection.AgentNeverConnected,
        AgentState.Offline => FleetConnection.AgentOffline,
        _ => ScanConnection(last),
    };
}
