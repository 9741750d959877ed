using System.Security.Claims;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Infrastructure.Auth;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>POST/GET/DELETE /api/v1/clusters, PUT /api/v1/clusters/{id}/labels.</summary>
public static class ClusterApi
{
    /// <summary>
    /// The body is bounded before it is read: room for the largest accepted kubeconfig after JSON escaping. The
    /// kubeconfig itself is bounded to <see cref="KubeconfigValidator.Limits"/> when it is validated.
    /// </summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Room for <see cref="ClusterLabels.MaxLabels"/> labels of the longest key and value, escaped.</summary>
    public const int MaxLabelsBodyBytes = 32 * 1024;

    /// <summary>PUT /clusters/{id}/labels: the cluster's labels, all of them (an empty object removes every label).</summary>
    public sealed record LabelsRequest(Dictionary<string, string?>? Labels);

    public static RouteGroupBuilder MapClusterApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clusters", async (ClusterQueries q, CancellationToken ct) => Results.Ok(await q.ListAsync(ct)));
        api.MapGet("/clusters/{id:guid}", async (Guid id, ClusterQueries q, CancellationToken ct) =>
            await q.FindAsync(id, ct) is { } c ? Results.Ok(c) : ApiEndpoints.NotFound("cluster"));

        api.MapPut("/clusters/{id:guid}/labels", async (Guid id, HttpRequest request, ClaimsPrincipal user, ClusterAdministration admin, ClusterQueries q, CancellationToken ct) =>
        {
            var (body, error) = await BoundedJsonBody.ReadAsync<LabelsRequest>(request, MaxLabelsBodyBytes, ct);
            if (error is not null)
            {
                return ApiEndpoints.BadRequest(error);
            }

            var result = await admin.SetLabelsAsync(user, id, body?.Labels, ct);
            return result.NotFound ? ApiEndpoints.NotFound("cluster")
                : result.Succeeded ? Results.Ok(await q.FindAsync(id, ct))
                : Results.BadRequest(new ApiError(string.Join(" ", result.Errors), result.Errors));
        }).RequireAuthorization(AuthPolicies.CanAdminister).Accepts<LabelsRequest>("application/json");

        api.MapPost("/clusters", async (HttpRequest request, ClaimsPrincipal user, ClusterAdministration admin, CancellationToken ct) =>
        {
            var (body, error) = await BoundedJsonBody.ReadAsync<AddClusterRequest>(request, MaxBodyBytes, ct);
            if (error is not null)
            {
                return ApiEndpoints.BadRequest(error);
            }

            if (body is null || string.IsNullOrWhiteSpace(body.Kubeconfig))
            {
                return ApiEndpoints.BadRequest("Send JSON with name, kubeconfig (the text), and optionally context and intervalMinutes.");
            }

            var result = await admin.AddAsync(user, body, ct);
            return result.Succeeded
                ? Results.Created($"/api/v1/clusters/{result.Id}", new { id = result.Id, warnings = result.Warnings })
                : Results.BadRequest(new ApiError(string.Join(" ", result.Errors), result.Errors, result.Warnings));
        }).RequireAuthorization(AuthPolicies.CanAdminister).Accepts<AddClusterRequest>("application/json");

        api.MapDelete("/clusters/{id:guid}", async (Guid id, ClaimsPrincipal user, ClusterAdministration admin, CancellationToken ct) =>
        {
            var result = await admin.DeleteAsync(user, id, ct);
            return result.NotFound ? ApiEndpoints.NotFound("cluster") : Results.NoContent();
        }).RequireAuthorization(AuthPolicies.CanAdminister);
        return api;
    }
}
