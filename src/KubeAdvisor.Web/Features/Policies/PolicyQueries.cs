using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Policies;

/// <summary>Each cluster's policy settings, for the matrix and the per-cluster editor.</summary>
public sealed class PolicyQueries(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    public sealed record ClusterSettings(Guid Id, string Name, ClusterPolicySettings Settings);

    /// <summary>One cluster's settings with their entity tag (<see cref="PolicySettingsETag"/>); null when no such cluster.</summary>
    public async Task<(ClusterSettings Cluster, string ETag)?> FindAsync(Guid clusterId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Clusters.AsNoTracking().Where(c => c.Id == clusterId)
            .Select(c => new { c.Id, c.Name, c.PolicySettingsJson }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var settings = Read(row.PolicySettingsJson);
        return (new ClusterSettings(row.Id, row.Name, settings), PolicySettingsETag.Of(settings));
    }

    public async Task<IReadOnlyList<ClusterSettings>> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Clusters.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.PolicySettingsJson }).ToListAsync(ct);
        return rows.Select(r => new ClusterSettings(r.Id, r.Name, Read(r.PolicySettingsJson))).ToList();
    }

    // A row written by an older or newer version that no longer parses shows the defaults instead of breaking the page.
    private static ClusterPolicySettings Read(string json)
    {
        try
        {
            return PolicySettingsJson.Deserialize(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return ClusterPolicySettings.Default;
        }
    }
}
