using System.Security.Claims;
using KubeAdvisor.Web.Features.Demo;
using KubeAdvisor.Web.Infrastructure.Auth;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// DELETE /api/v1/demo/history (Admin): removes the seeded demo clusters of ./run.sh --demo and all their history; the
/// live "demo" cluster and every other cluster stay. Answers the removed clusters' names (empty when there were none).
/// </summary>
public static class DemoApi
{
    public static RouteGroupBuilder MapDemoApi(this RouteGroupBuilder api)
    {
        api.MapDelete("/demo/history", async (ClaimsPrincipal user, DemoHistory history, CancellationToken ct) =>
            Results.Ok(new { removed = await history.RemoveAsync(user, ct) }))
            .RequireAuthorization(AuthPolicies.CanAdminister);
        return api;
    }
}
