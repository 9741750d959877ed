using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Teams;

/// <summary>Re-resolves owners from stored labels after the rules or teams change (one cluster, or every cluster), without a rescan.</summary>
public sealed class OwnershipResolutionJob(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    /// <returns>How many workloads changed owner.</returns>
    public async Task<int> RunAsync(Guid? clusterId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = clusterId is { } id ? [id] : await db.Clusters.Select(c => c.Id).ToListAsync(ct);
        var changed = 0;
        foreach (var cluster in clusters)
        {
            // One transaction per cluster: its workloads and findings move together.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            changed += await Owners.ReresolveAsync(db, cluster, ct);
            await tx.CommitAsync(ct);
        }

        return changed;
    }
}
