using System.Security.Claims;
using KubeAdvisor.Web.Features.Api;
using KubeAdvisor.Web.Infrastructure.Auth;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>Managing agent connections over the API (Admin), and reading their status (any role).</summary>
public static class AgentApi
{
    public static RouteGroupBuilder MapAgentConnectionApi(this RouteGroupBuilder api)
    {
        api.MapPost("/agent/connections", async (CreateAgentConnectionRequest? body, ClaimsPrincipal user, AgentConnections agents, CancellationToken ct) =>
        {
            if (body is null || string.IsNullOrWhiteSpace(body.Name))
            {
                return ApiEndpoints.BadRequest("Send JSON with name and, optionally, intervalMinutes (default 10).");
            }

            var result = await agents.CreateAsync(user, body.Name, body.IntervalMinutes, ct);
            return result.Succeeded
                ? Results.Created($"/api/v1/clusters/{result.ClusterId}/agent", new { clusterId = result.ClusterId, token = result.Token })
                : Results.BadRequest(new ApiError(string.Join(" ", result.Errors), result.Errors));
        }).RequireAuthorization(AuthPolicies.CanAdminister);

        api.MapGet("/clusters/{id:guid}/agent", async (Guid id, AgentConnections agents, CancellationToken ct) =>
            await agents.StatusAsync(id, ct) is { } status ? Results.Ok(status) : ApiEndpoints.NotFound("agent-connected cluster"));

        api.MapPost("/clusters/{id:guid}/agent/token", async (Guid id, ClaimsPrincipal user, AgentConnections agents, CancellationToken ct) =>
        {
            var result = await agents.RotateAsync(user, id, ct);
            return result.NotFound ? ApiEndpoints.NotFound("agent-connected cluster") : Results.Ok(new { clusterId = id, token = result.Token });
        }).RequireAuthorization(AuthPolicies.CanAdminister);

        api.MapDelete("/clusters/{id:guid}/agent/token", async (Guid id, ClaimsPrincipal user, AgentConnections agents, CancellationToken ct) =>
            (await agents.RevokeAsync(user, id, ct)).NotFound ? ApiEndpoints.NotFound("agent-connected cluster") : Results.NoContent())
            .RequireAuthorization(AuthPolicies.CanAdminister);
        return api;
    }
}
