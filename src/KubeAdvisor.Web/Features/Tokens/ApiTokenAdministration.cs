using System.Security.Claims;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Tokens;

/// <summary>API tokens: created by Admins with a role, shown once, stored as a hash, revocable. Audited.</summary>
public sealed class ApiTokenAdministration(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory, IAuthorizationService authorization, AuditLog audit, TimeProvider time)
{
    public sealed record TokenRow(Guid Id, string Name, string Role, string Prefix, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

    public sealed record CreatedToken(Guid Id, string Name, string Role, string Token);

    public async Task<IReadOnlyList<TokenRow>> ListAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        await EnsureAdminAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenRow(t.Id, t.Name, t.Role, t.Prefix, t.CreatedAt, t.CreatedBy, t.LastUsedAt, t.RevokedAt)).ToListAsync(ct);
    }

    /// <summary>Creates a token; the returned value is the only time it is ever visible.</summary>
    public async Task<(CreatedToken? Token, string? Error)> CreateAsync(ClaimsPrincipal user, string? name, string? role, CancellationToken ct)
    {
        var actor = await EnsureAdminAsync(user);
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 128)
        {
            return (null, "A token needs a name of at most 128 characters.");
        }

        if (!Roles.IsValid(role))
        {
            return (null, $"role must be one of {string.Join(", ", Roles.All)}.");
        }

        var value = ApiTokenHasher.NewToken();
        var token = new ApiToken
        {
            Id = Guid.NewGuid(), Name = name, Role = role!, TokenHash = ApiTokenHasher.Hash(value), Prefix = ApiTokenHasher.DisplayPrefix(value),
            CreatedAt = time.GetUtcNow(), CreatedBy = actor,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiTokens.Add(token);
        audit.Add(db, actor, AuditActions.TokenCreated, name, $"role {role}, prefix {token.Prefix}");
        await db.SaveChangesAsync(ct);
        return (new CreatedToken(token.Id, name, role!, value), null);
    }

    public async Task<bool> RevokeAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var actor = await EnsureAdminAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (token is null)
        {
            return false;
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow();
            audit.Add(db, actor, AuditActions.TokenRevoked, token.Name, $"prefix {token.Prefix}");
            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    private async Task<string> EnsureAdminAsync(ClaimsPrincipal user)
    {
        if (!(await authorization.AuthorizeAsync(user, AuthPolicies.CanAdminister)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only Admins can manage API tokens.");
        }

        return user.Identity?.Name ?? "unknown";
    }
}
