using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Exceptions;

/// <summary>
/// Writes "exception.expired" to the audit log once for each approved exception whose end has passed (recurring,
/// every 15 minutes). Expiry itself needs no job: scans read the clock (<see cref="ExceptionRules"/>).
/// </summary>
public sealed class ExceptionExpiryJob(IDbContextFactory<KubeAdvisorDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    public const string RecurringJobId = "exception-expiry";
    public const string Actor = "system";

    /// <returns>How many expiries were recorded.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var expired = await db.PolicyExceptions
            .Where(e => e.Status == ExceptionStatus.Approved && e.ExpiresAt <= now && e.ExpiryAuditedAt == null)
            .OrderBy(e => e.ExpiresAt).Take(500).ToListAsync(ct);
        var names = await db.Clusters.Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        foreach (var row in expired)
        {
            row.ExpiryAuditedAt = now;
            var cluster = row.ClusterId is { } id ? names.GetValueOrDefault(id, "(deleted)") : "all clusters";
            audit.Add(db, Actor, AuditActions.ExceptionExpired, ExceptionWorkflow.Target(row, cluster),
                $"ended {row.ExpiresAt:yyyy-MM-dd HH:mm} UTC; requested by {row.RequestedBy}; the findings reopen at the next scan");
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0; // another instance or a revoke got there first; the next run sees what is left
        }

        return expired.Count;
    }
}
