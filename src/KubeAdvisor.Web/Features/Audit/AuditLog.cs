using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Audit;

/// <summary>Writes security-relevant actions to the audit_entries table. Never write secrets into details.</summary>
public sealed class AuditLog(IDbContextFactory<KubeAdvisorDbContext> dbFactory, TimeProvider time)
{
    public async Task WriteAsync(string actor, string action, string? target = null, string? details = null,
        string? remoteAddress = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(Entry(actor, action, target, details, remoteAddress));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the entry to a context the caller saves, so the action and its audit commit together.</summary>
    public void Add(KubeAdvisorDbContext db, string actor, string action, string? target = null, string? details = null) =>
        db.AuditEntries.Add(Entry(actor, action, target, details, null));

    private AuditEntry Entry(string actor, string action, string? target, string? details, string? remoteAddress) => new()
    {
        At = time.GetUtcNow(),
        Actor = Truncate(actor, 256),
        Action = Truncate(action, 128),
        Target = target is null ? null : Truncate(target, 512),
        Details = details,
        RemoteAddress = remoteAddress,
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
