using System.Security.Claims;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Infrastructure.Auth;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>POST/GET/DELETE /api/v1/clusters.</summary>
public static class ClusterApi
{
    public static RouteGroupBuilder MapClusterApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clusters", async (ClusterQueries q, CancellationToken ct) => Results.Ok(await q.ListAsync(ct)));
        api.MapGet("/clusters/{id:guid}", async (Guid id, ClusterQueries q, CancellationToken ct) =>
            (await q.ListAsync(ct)).FirstOrDefault(c => c.Id == id) is { } c ? Results.Ok(c) : ApiEndpoints.NotFound("cluster"));

        api.MapPost("/clusters", async (AddClusterRequest? body, ClaimsPrincipal user, ClusterAdministration admin, CancellationToken ct) =>
        {
            if (body is null || string.IsNullOrWhiteSpace(body.Kubeconfig))
            {
                return ApiEndpoints.BadRequest("Send JSON with name, kubeconfig (the text), and optionally context and intervalMinutes.");
            }

            var result = await admin.AddAsync(user, body, ct);
            return result.Succeeded
                ? Results.Created($"/api/v1/clusters/{result.Id}", new { id = result.Id, warnings = result.Warnings })
                : Results.BadRequest(new ApiError(string.Join(" ", result.Errors), result.Errors, result.Warnings));
        }).RequireAuthorization(AuthPolicies.CanAdminister);

        api.MapDelete("/clusters/{id:guid}", async (Guid id, ClaimsPrincipal user, ClusterAdministration admin, CancellationToken ct) =>
        {
            var result = await admin.DeleteAsync(user, id, ct);
            return result.NotFound ? ApiEndpoints.NotFound("cluster") : Results.NoContent();
        }).RequireAuthorization(AuthPolicies.CanAdminister);
        return api;
    }
}
