using KubeAdvisor.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>
/// Makes every role check of a signed-in person (cookie or circuit principal) also hold in the database now:
/// a policy evaluated anywhere — endpoint, page, <c>AuthorizeView</c>, a service's own AuthorizeAsync — fails for a
/// user who was disabled, deleted or no longer has an allowed role, without waiting for the cookie or the circuit
/// to be revalidated. Token principals are resolved per request by their handler and are left alone.
/// </summary>
public sealed class CurrentRoleAuthorizationHandler(IDbContextFactory<KubeAdvisorDbContext> dbFactory)
    : AuthorizationHandler<RolesAuthorizationRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RolesAuthorizationRequirement requirement)
    {
        if (context.User.Identity is not { IsAuthenticated: true, AuthenticationType: var type } || type != IdentityConstants.ApplicationScheme)
        {
            return;
        }

        var userId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        UserAccess? access = null;
        if (userId is not null)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            access = await UserAccessQueries.FindAsync(db, userId, CancellationToken.None);
        }

        // Fail() vetoes whatever the role claims say; success still comes from the claims' own check.
        if (access is not { IsActive: true } || !requirement.AllowedRoles.Contains(access.Role!, StringComparer.Ordinal))
        {
            context.Fail(new AuthorizationFailureReason(this, "The user's current role in the database does not allow this."));
        }
    }
}
