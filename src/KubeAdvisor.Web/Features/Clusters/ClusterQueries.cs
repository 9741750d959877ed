using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Clusters;

/// <summary>Read side of clusters for the API and the cluster list: score, grade, open findings, last scan.</summary>
public sealed class ClusterQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    public sealed record LastScan(Guid Id, string Status, string Trigger, DateTimeOffset QueuedAt, DateTimeOffset? FinishedAt, string? Error);

    public sealed record ClusterSummary(
        Guid Id, string Name, string ConnectionType, bool IsDemo, string? ServerUrl, string? Context, int ScanIntervalMinutes,
        string? KubernetesVersion, double? Score, string? Grade, int OpenFindings, LastScan? LastScan,
        DateTimeOffset? AgentLastContactAt, string? AgentVersion);

    public async Task<IReadOnlyList<ClusterSummary>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Clusters.AsNoTracking().OrderBy(c => c.Name).Select(c => new
        {
            c.Id, c.Name, c.ConnectionType, c.IsDemo, c.ServerUrl, c.Context, c.ScanIntervalMinutes, c.KubernetesVersion,
            c.AgentLastContactAt, c.AgentVersion,
            Sample = db.ScoreSamples.Where(s => s.ScanId == c.LastSucceededScanId && s.Namespace == "")
                .Select(s => new { s.Score, s.PassedWeight, s.FailedWeight }).FirstOrDefault(),
            Open = db.Findings.Count(f => f.ClusterId == c.Id && f.IsOpen),
            Last = db.Scans.Where(s => s.ClusterId == c.Id).OrderByDescending(s => s.QueuedAt)
                .Select(s => new { s.Id, s.Status, s.Trigger, s.QueuedAt, s.FinishedAt, s.Error }).FirstOrDefault(),
        }).ToListAsync(ct);

        return rows.Select(r => new ClusterSummary(
            r.Id, r.Name, r.ConnectionType.ToString(), r.IsDemo, r.ServerUrl, r.Context, r.ScanIntervalMinutes, r.KubernetesVersion,
            r.Sample?.Score,
            r.Sample is null ? null : Dashboard.Scores.GradeOf(r.Sample.PassedWeight, r.Sample.FailedWeight).ToString(),
            r.Open,
            r.Last is null ? null : new LastScan(r.Last.Id, r.Last.Status.ToString(), r.Last.Trigger.ToString(), r.Last.QueuedAt, r.Last.FinishedAt, r.Last.Error),
            r.AgentLastContactAt, r.AgentVersion)).ToList();
    }

    public static string StatusText(ScanStatus status) => status.ToString().ToLowerInvariant();
}
