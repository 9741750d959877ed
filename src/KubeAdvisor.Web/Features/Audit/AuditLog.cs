using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Audit;

/// <summary>
/// Writes security-relevant actions to the audit_entries table (append-only: the database refuses UPDATE and DELETE).
/// Every entry records the client address and user agent of the request it happens in. Never write secrets into details.
/// </summary>
public sealed class AuditLog(IDbContextFactory<KubeAdvisorDbContext> dbFactory, TimeProvider time, IHttpContextAccessor http)
{
    public async Task WriteAsync(string actor, string action, string? target = null, string? details = null,
        string? remoteAddress = null, CancellationToken ct = default)
    {
        var client = CurrentClient();
        await WriteAsync(client with { Address = remoteAddress ?? client.Address }, actor, action, target, details, ct);
    }

    /// <summary>For entries written outside the request they describe (aggregated sign-in failures).</summary>
    public async Task WriteAsync(AuditClient client, string actor, string action, string? target, string? details, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(Entry(client, actor, action, target, details));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the entry to a context the caller saves, so the action and its audit commit together.</summary>
    public void Add(KubeAdvisorDbContext db, string actor, string action, string? target = null, string? details = null) =>
        db.AuditEntries.Add(Entry(CurrentClient(), actor, action, target, details));

    /// <summary>The address and user agent of the current request (or of the Blazor circuit's connection); empty outside one.</summary>
    public AuditClient CurrentClient() => AuditClient.From(http.HttpContext);

    private AuditEntry Entry(AuditClient client, string actor, string action, string? target, string? details) => new()
    {
        At = time.GetUtcNow(),
        Actor = Truncate(actor, 256),
        Action = Truncate(action, 128),
        Target = target is null ? null : Truncate(target, 512),
        Details = details,
        RemoteAddress = client.Address is null ? null : Truncate(client.Address, 64),
        UserAgent = client.UserAgent is null ? null : Truncate(client.UserAgent, 512),
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
