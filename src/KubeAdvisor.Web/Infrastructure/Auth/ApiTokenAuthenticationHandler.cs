using System.Security.Claims;
using System.Text.Encodings.Web;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the hashed API tokens, on every request:
/// revoked and expired tokens fail, so do tokens whose owner is deleted or disabled; the token acts with the
/// lower of its own role and its owner's current role. System tokens (bootstrap) have no owner.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<KubeAdvisorDbContext> dbFactory,
    AuditLog audit,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string OwnerClaim = "kubeadvisor:token-owner";
    public const string SystemClaim = "kubeadvisor:token-system";

    /// <summary>"Last used" is written at most this often per token (it costs a write per request otherwise).</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>A token's use is audited at most once per this period, naming the endpoint of that request.</summary>
    public static readonly TimeSpan UseAuditPeriod = TimeSpan.FromHours(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var ct = Context.RequestAborted;
        var hash = ApiTokenHasher.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.ApiTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (row is null || row.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("The API token is unknown or revoked.");
        }

        var now = time.GetUtcNow();
        if (row.ExpiresAt is { } expires && expires <= now)
        {
            await AuditExpiryOnceAsync(db, row, now, ct);
            return AuthenticateResult.Fail("The API token has expired.");
        }

        var role = row.IsSystem ? row.Role : await EffectiveRoleAsync(db, row, ct);
        if (role is null)
        {
            return AuthenticateResult.Fail("The API token's owner is deleted, disabled or has no role.");
        }

        await RecordUseAsync(db, row, now, ct);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "token:" + row.Id),
            new(ClaimTypes.Name, "token:" + row.Name),
            new(ClaimTypes.Role, role),
        };
        claims.Add(row.IsSystem ? new Claim(SystemClaim, "true") : new Claim(OwnerClaim, row.OwnerUserId!));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>The rights a token principal carries (resolved by this handler for the current request).</summary>
    public static Actor? ActorOf(ClaimsPrincipal user)
    {
        var role = user.FindFirstValue(ClaimTypes.Role);
        if (user.Identity?.AuthenticationType != SchemeName || !Roles.IsValid(role))
        {
            return null;
        }

        var isSystem = user.HasClaim(SystemClaim, "true");
        var owner = user.FindFirstValue(OwnerClaim);
        return isSystem || owner is not null ? new Actor(user.Identity.Name ?? "token", owner, role!, isSystem) : null;
    }

    private static async Task<string?> EffectiveRoleAsync(KubeAdvisorDbContext db, ApiToken row, CancellationToken ct)
    {
        if (row.OwnerUserId is null)
        {
            return null;
        }

        var owner = await UserAccessQueries.FindAsync(db, row.OwnerUserId, ct);
        return owner is { IsActive: true } ? Roles.Lower(row.Role, owner.Role) : null;
    }

    // Only the request that marks the token audited writes the entry (the conditional update), however many race.
    private async Task AuditExpiryOnceAsync(KubeAdvisorDbContext db, ApiToken row, DateTimeOffset now, CancellationToken ct)
    {
        if (row.ExpiryAuditedAt is not null)
        {
            return;
        }

        var refused = $"{Request.Method} {Request.Path}";
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var marked = await db.ApiTokens.Where(t => t.Id == row.Id && t.ExpiryAuditedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiryAuditedAt, now), ct);
            if (marked == 1)
            {
                audit.Add(db, "system", AuditActions.TokenExpired, row.Name, $"prefix {row.Prefix}, expired {row.ExpiresAt:O}, refused {refused}");
                await db.SaveChangesAsync(ct);
            }

            await tx.CommitAsync(ct);
        });
    }

    private async Task RecordUseAsync(KubeAdvisorDbContext db, ApiToken row, DateTimeOffset now, CancellationToken ct)
    {
        if (row.LastUsedAt is not null && now - row.LastUsedAt <= LastUsedResolution)
        {
            return;
        }

        row.LastUsedAt = now;
        // Checked only when "last used" is written, so at most one extra query per token and minute.
        var details = $"prefix {row.Prefix}";
        var since = now - UseAuditPeriod;
        var auditedRecently = await db.AuditEntries.AnyAsync(
            a => a.Action == AuditActions.TokenUsed && a.At > since && a.Target == row.Name && a.Details!.StartsWith(details), ct);
        if (!auditedRecently)
        {
            audit.Add(db, "token:" + row.Name, AuditActions.TokenUsed, row.Name, $"{details}, {Request.Method} {Request.Path}");
        }

        await db.SaveChangesAsync(ct);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    internal static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7
            ? header[7..].Trim()
            : null;
    }
}
