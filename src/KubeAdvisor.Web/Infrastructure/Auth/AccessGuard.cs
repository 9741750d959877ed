using System.Security.Claims;
using KubeAdvisor.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>
/// Checks an authorization policy before a privileged action, in Blazor event handlers (where no endpoint filter
/// runs) and in API handlers alike. The role and the disabled flag are read from the database at that moment,
/// never taken from the principal captured when the tab connected: a demoted or disabled user is refused at once.
/// </summary>
public sealed class AccessGuard(
    AuthenticationStateProvider authState, IAuthorizationService authorization, IDbContextFactory<KubeAdvisorDbContext> dbFactory)
{
    public const string NotAllowed = "Your role does not allow this action.";

    /// <summary>Whether the circuit's user may do this now (for showing or hiding actions).</summary>
    public async Task<bool> IsAllowedAsync(string policy, CancellationToken ct = default) =>
        await CheckAsync((await authState.GetAuthenticationStateAsync()).User, policy, ct) is not null;

    /// <summary>Throws <see cref="UnauthorizedAccessException"/> when the circuit's user may not do this now; returns their name.</summary>
    public async Task<string> EnsureAsync(string policy, CancellationToken ct = default) =>
        (await EnsureAsync((await authState.GetAuthenticationStateAsync()).User, policy, ct)).Name;

    /// <summary>Throws <see cref="UnauthorizedAccessException"/> when <paramref name="user"/> may not do this now.</summary>
    public async Task<Actor> EnsureAsync(ClaimsPrincipal user, string policy, CancellationToken ct = default) =>
        await CheckAsync(user, policy, ct) ?? throw new UnauthorizedAccessException(NotAllowed);

    /// <summary>The user's current rights; null when signed out, deleted, disabled or without a role.</summary>
    public async Task<Actor?> CurrentAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.Identity is not { IsAuthenticated: true } identity)
        {
            return null;
        }

        // The token handler resolved the owner's current role for this very request.
        if (identity.AuthenticationType == ApiTokenAuthenticationHandler.SchemeName)
        {
            return ApiTokenAuthenticationHandler.ActorOf(user);
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await UserAccessQueries.FindAsync(db, userId, ct);
        return access is { IsActive: true } ? new Actor(access.Name, access.Id, access.Role!) : null;
    }

    private async Task<Actor?> CheckAsync(ClaimsPrincipal user, string policy, CancellationToken ct)
    {
        var current = await CurrentAsync(user, ct);
        return current is not null && (await authorization.AuthorizeAsync(current.ToPrincipal(), policy)).Succeeded ? current : null;
    }
}
