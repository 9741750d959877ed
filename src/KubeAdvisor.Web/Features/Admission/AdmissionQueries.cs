using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Admission;

/// <summary>Reads a cluster's admission mode and its last week of decisions, for the cluster page and the API.</summary>
public sealed class AdmissionQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory, TimeProvider time)
{
    public const int Days = 7;

    /// <summary>Null when the cluster does not exist.</summary>
    public async Task<AdmissionWeek?> WeekAsync(Guid clusterId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cluster = await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId)
            .Select(c => new { c.ConnectionType, c.AdmissionMode, c.AdmissionMinSeverity }).SingleOrDefaultAsync(ct);
        if (cluster is null)
        {
            return null;
        }

        var since = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-(Days - 1));
        var week = db.AdmissionDecisions.AsNoTracking().Where(d => d.ClusterId == clusterId && d.Day >= since);
        var totals = await week.Where(d => d.Policy == "")
            .GroupBy(_ => 1)
            .Select(g => new { Allowed = g.Sum(d => d.Allowed), Warned = g.Sum(d => d.Warned), Denied = g.Sum(d => d.Denied) })
            .SingleOrDefaultAsync(ct);
        var top = await week.Where(d => d.Policy != "" && d.Denied > 0)
            .GroupBy(d => d.Policy)
            .Select(g => new { Policy = g.Key, Count = g.Sum(d => d.Denied) })
            .OrderByDescending(p => p.Count).ThenBy(p => p.Policy)
            .Take(5)
            .ToListAsync(ct);
        return new AdmissionWeek(cluster.ConnectionType == Data.Entities.ConnectionType.Agent, cluster.AdmissionMode, cluster.AdmissionMinSeverity,
            totals?.Allowed ?? 0, totals?.Warned ?? 0, totals?.Denied ?? 0, top.Select(p => new PolicyCount(p.Policy, p.Count)).ToList());
    }
}
