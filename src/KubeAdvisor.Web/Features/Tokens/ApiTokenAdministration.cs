using System.Security.Claims;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Tokens;

/// <summary>
/// API tokens: created by Admins, owned by the creating user, with a role no higher than the creator's and an
/// expiry (default 90 days; never only when asked for, and audited). Shown once, stored as a hash, revocable.
/// Every method checks the creator's rights in the database (<see cref="AccessGuard"/>), not the principal's claims.
/// </summary>
public sealed class ApiTokenAdministration(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory, AccessGuard guard, AuditLog audit, TimeProvider time)
{
    public const int DefaultExpiryDays = 90;
    public const int MaxExpiryDays = 365;
    public static readonly IReadOnlyList<int> ExpiryChoices = [30, 90, 180, 365];

    public sealed record TokenRow(
        Guid Id, string Name, string Role, string Prefix, string Owner, DateTimeOffset CreatedAt, string CreatedBy,
        DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string Status);

    public sealed record CreatedToken(Guid Id, string Name, string Role, DateTimeOffset? ExpiresAt, string Token);

    /// <param name="ExpiresInDays">null: the default (90 days); ignored when <paramref name="NeverExpires"/>.</param>
    public sealed record TokenRequest(string? Name, string? Role, int? ExpiresInDays = null, bool NeverExpires = false);

    public async Task<IReadOnlyList<TokenRow>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from t in db.ApiTokens.AsNoTracking()
                          join u in db.Users on t.OwnerUserId equals u.Id into owners
                          from o in owners.DefaultIfEmpty()
                          orderby t.CreatedAt descending
                          select new { t, OwnerEmail = o == null ? null : o.Email }).ToListAsync(ct);
        return rows.Select(r => new TokenRow(
            r.t.Id, r.t.Name, r.t.Role, r.t.Prefix,
            r.t.IsSystem ? "system" : r.OwnerEmail ?? "(deleted user)",
            r.t.CreatedAt, r.t.CreatedBy, r.t.ExpiresAt, r.t.LastUsedAt, r.t.RevokedAt,
            r.t.RevokedAt is not null ? "revoked" : r.t.ExpiresAt <= now ? "expired" : "active")).ToList();
    }

    /// <summary>Creates a token; the returned value is the only time it is ever visible.</summary>
    public async Task<(CreatedToken? Token, string? Error)> CreateAsync(ClaimsPrincipal user, TokenRequest request, CancellationToken ct)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 128)
        {
            return (null, "A token needs a name of at most 128 characters.");
        }

        if (!Roles.IsValid(request.Role))
        {
            return (null, $"role must be one of {string.Join(", ", Roles.All)}.");
        }

        if (!Roles.IsAtMost(request.Role!, actor.Role))
        {
            return (null, $"A token's role cannot be higher than your own ({actor.Role}).");
        }

        if (!request.NeverExpires && request.ExpiresInDays is < 1 or > MaxExpiryDays)
        {
            return (null, $"A token expires in 1 to {MaxExpiryDays} days, or never when chosen explicitly.");
        }

        var now = time.GetUtcNow();
        var expiresAt = request.NeverExpires ? (DateTimeOffset?)null : now.AddDays(request.ExpiresInDays ?? DefaultExpiryDays);
        var value = ApiTokenHasher.NewToken();
        // A system token (bootstrap) has no user to own what it creates: its tokens are system tokens too.
        var token = new ApiToken
        {
            Id = Guid.NewGuid(), Name = name, Role = request.Role!, TokenHash = ApiTokenHasher.Hash(value), Prefix = ApiTokenHasher.DisplayPrefix(value),
            CreatedAt = now, CreatedBy = actor.Name, OwnerUserId = actor.IsSystem ? null : actor.UserId, IsSystem = actor.IsSystem,
            ExpiresAt = expiresAt,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiTokens.Add(token);
        var owner = actor.IsSystem ? "system token" : "owner " + actor.Name;
        audit.Add(db, actor.Name, AuditActions.TokenCreated, name,
            $"role {token.Role}, prefix {token.Prefix}, {owner}, expires {(expiresAt is null ? "never" : expiresAt.Value.ToString("O"))}");
        if (expiresAt is null)
        {
            audit.Add(db, actor.Name, AuditActions.TokenNeverExpires, name, $"prefix {token.Prefix}: created without an expiry (explicit choice)");
        }

        await db.SaveChangesAsync(ct);
        return (new CreatedToken(token.Id, name, token.Role, expiresAt, value), null);
    }

    public async Task<bool> RevokeAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var actor = await guard.EnsureAsync(user, AuthPolicies.CanAdminister, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (token is null)
        {
            return false;
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow();
            audit.Add(db, actor.Name, AuditActions.TokenRevoked, token.Name, $"prefix {token.Prefix}");
            await db.SaveChangesAsync(ct);
        }

        return true;
    }
}
