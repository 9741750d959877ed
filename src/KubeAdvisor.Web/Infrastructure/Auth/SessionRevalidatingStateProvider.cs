using System.Security.Claims;
using KubeAdvisor.Data;
using KubeAdvisor.Web.Configuration;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>
/// A Blazor circuit keeps the principal it connected with; this checks it against the database every
/// KUBEADVISOR_SESSION_REVALIDATE_SECONDS. A deleted or disabled user, a changed security stamp (role change,
/// disable, password change) or a role that no longer matches makes the circuit anonymous, and the layout
/// then takes the tab to the sign-in page. Privileged actions do not wait for this: <see cref="AccessGuard"/>
/// reads the database on every action.
/// </summary>
public sealed class SessionRevalidatingStateProvider(
    ILoggerFactory loggerFactory,
    IDbContextFactory<KubeAdvisorDbContext> dbFactory,
    IOptions<KubeAdvisorOptions> options,
    IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(Math.Max(1, options.Value.SessionRevalidateSeconds));

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User, cancellationToken);

    /// <summary>Whether the principal captured by the circuit still describes the user in the database.</summary>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await UserAccessQueries.FindAsync(db, userId, ct);
        if (access is not { IsActive: true })
        {
            return false;
        }

        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var roles = user.FindAll(identity.Value.ClaimsIdentity.RoleClaimType).Select(c => c.Value).ToList();
        return stamp == access.SecurityStamp && roles.Count == 1 && roles[0] == access.Role;
    }
}
