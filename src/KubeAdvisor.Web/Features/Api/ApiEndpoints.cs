using System.Security.Claims;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>The /api/v1 group: JSON, authenticated by cookie or API token (Authorization: Bearer).</summary>
public static class ApiEndpoints
{
    public static RouteGroupBuilder MapKubeAdvisorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization().DisableAntiforgery();
        api.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new
        {
            name = user.Identity?.Name,
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
        }));
        return api;
    }
}
