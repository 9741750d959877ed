using System.Security.Claims;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Demo;

/// <summary>
/// The seeded demo history as a whole: whether any is there (the first-run banner) and its removal, an Admin's action
/// (the banner's button and DELETE /api/v1/demo/history), which deletes the <see cref="ConnectionType.DemoHistory"/>
/// clusters and, by cascade, everything stored for them (their ownership rules too), then the demo teams nothing else uses,
/// and nothing else (the live "demo" cluster stays).
/// </summary>
public sealed class DemoHistory(IDbContextFactory<KubeAdvisorDbContext> dbFactory, AccessGuard guard, AuditLog audit)
{
    /// <summary>The seeded clusters' names, by name; empty when there are none.</summary>
    public async Task<IReadOnlyList<string>> ClustersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Clusters.AsNoTracking().Where(c => c.ConnectionType == ConnectionType.DemoHistory)
            .OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(ct);
    }

    /// <summary>Deletes the demo history (Admin, checked against the database now); returns the clusters removed.</summary>
    /// <exception cref="UnauthorizedAccessException">The user is not an Admin (any more).</exception>
    public async Task<IReadOnlyList<string>> RemoveAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clusters = await db.Clusters.Where(c => c.ConnectionType == ConnectionType.DemoHistory).ToListAsync(ct);
        if (clusters.Count == 0)
        {
            return [];
        }

        db.Clusters.RemoveRange(clusters);
        var names = clusters.Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        audit.Add(db, actor.Name, AuditActions.DemoHistoryRemoved, string.Join(", ", names), "demo clusters and all their history deleted");
        await db.SaveChangesAsync(ct);
        await DemoTeams.RemoveUnusedAsync(db, ct);
        return names;
    }
}
