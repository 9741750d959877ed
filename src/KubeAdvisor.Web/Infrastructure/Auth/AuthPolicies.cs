using Microsoft.AspNetCore.Authorization;

namespace KubeAdvisor.Web.Infrastructure.Auth;

/// <summary>
/// The authorization policies, defined once. Pages, API endpoints and Blazor event handlers all
/// check these names; hiding a button is never the only guard.
/// </summary>
public static class AuthPolicies
{
    /// <summary>Any signed-in user with a role: read everything.</summary>
    public const string CanView = "CanView";

    /// <summary>Engineer or Admin: start scans, export findings.</summary>
    public const string CanOperate = "CanOperate";

    /// <summary>Admin: clusters, policies, users, tokens, Hangfire.</summary>
    public const string CanAdminister = "CanAdminister";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(CanView, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Engineer, Roles.Viewer));
        options.AddPolicy(CanOperate, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Engineer));
        options.AddPolicy(CanAdminister, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        options.FallbackPolicy = options.GetPolicy(CanView);
        options.DefaultPolicy = options.GetPolicy(CanView)!;
    }
}
