using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Dashboard;

/// <summary>
/// A cheap "has anything changed?" stamp that pages poll (see docs/decisions/0003-dashboard-refresh.md): it changes
/// when a scan is queued, starts, finishes, or a cluster is added or removed.
/// </summary>
public sealed class RefreshQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    /// <param name="clusterId">null: the stamp of all clusters (Overview, Violations).</param>
    public async Task<RefreshStamp> StampAsync(Guid? clusterId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = db.Clusters.AsNoTracking();
        var scans = db.Scans.AsNoTracking();
        if (clusterId is { } id)
        {
            clusters = clusters.Where(c => c.Id == id);
            scans = scans.Where(s => s.ClusterId == id);
        }

        var clusterCount = await clusters.CountAsync(ct);
        var lastScanAt = await clusters.MaxAsync(c => c.LastScanAt, ct);
        var active = await scans.CountAsync(s => s.Status == ScanStatus.Queued || s.Status == ScanStatus.Running, ct);
        // The settings themselves (not their length: on a jsonb column EF reads .Length as a JSON property).
        var settings = clusterId is null ? "" : await clusters.Select(c => c.PolicySettingsJson).FirstOrDefaultAsync(ct) ?? "";
        return new RefreshStamp(clusterCount, lastScanAt?.UtcTicks, active, settings.GetHashCode(StringComparison.Ordinal));
    }
}
