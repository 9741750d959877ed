using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>
/// Checks an authorization policy inside Blazor event handlers, where no endpoint filter runs.
/// A component calls <see cref="EnsureAsync"/> before acting, whatever buttons it showed.
/// </summary>
public sealed class AccessGuard(AuthenticationStateProvider authState, IAuthorizationService authorization)
{
    public async Task<bool> IsAllowedAsync(string policy)
    {
        var state = await authState.GetAuthenticationStateAsync();
        return (await authorization.AuthorizeAsync(state.User, policy)).Succeeded;
    }

    /// <summary>Throws <see cref="UnauthorizedAccessException"/> when the current user may not do this.</summary>
    public async Task<string> EnsureAsync(string policy)
    {
        var state = await authState.GetAuthenticationStateAsync();
        if (!(await authorization.AuthorizeAsync(state.User, policy)).Succeeded)
        {
            throw new UnauthorizedAccessException("Your role does not allow this action.");
        }

        return state.User.Identity?.Name ?? "unknown";
    }
}
