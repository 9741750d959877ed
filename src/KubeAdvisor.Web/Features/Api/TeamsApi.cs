using System.Security.Claims;
using KubeAdvisor.Web.Features.Teams;
using KubeAdvisor.Web.Infrastructure.Auth;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// Teams and ownership rules: GET for every role, changes for Admins. /api/v1/teams (POST, DELETE /{id}, PUT
/// /{id}/members) and /api/v1/ownership-rules (POST, PUT /{id}, DELETE /{id}); a rule change re-resolves the owners
/// of stored workloads and findings in the background, without a rescan.
/// </summary>
public static class TeamsApi
{
    public const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapTeamsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/teams", async (TeamQueries q, CancellationToken ct) => Results.Ok(new { items = await q.ListAsync(ct) }));

        api.MapPost("/teams", async (HttpRequest request, ClaimsPrincipal user, TeamAdministration admin, CancellationToken ct) =>
        {
            var (body, error) = await BoundedJsonBody.ReadAsync<TeamRequest>(request, MaxBodyBytes, ct);
            return error is not null ? ApiEndpoints.BadRequest(error)
                : Created("teams", await admin.CreateTeamAsync(user, body ?? new TeamRequest(null), ct));
        }).RequireAuthorization(AuthPolicies.CanAdminister).Accepts<TeamRequest>("application/json");

        api.MapDelete("/teams/{id:guid}", async (Guid id, ClaimsPrincipal user, TeamAdministration admin, CancellationToken ct) =>
            Answer(await admin.DeleteTeamAsync(user, id, ct), Results.NoContent())).RequireAuthorization(AuthPolicies.CanAdminister);

        api.MapPut("/teams/{id:guid}/members", async (Guid id, HttpRequest request, ClaimsPrincipal user, TeamAdministration admin, CancellationToken ct) =>
        {
            var (body, error) = await BoundedJsonBody.ReadAsync<TeamMembersRequest>(request, MaxBodyBytes, ct);
            return error is not null ? ApiEndpoints.BadRequest(error)
                : Answer(await admin.SetMembersAsync(user, id, body?.Members, ct), Results.NoContent());
        }).RequireAuthorization(AuthPolicies.CanAdminister).Accepts<TeamMembersRequest>("application/json");

        api.MapGet("/ownership-rules", async (TeamQueries q, CancellationToken ct) => Results.Ok(new { items = await q.RulesAsync(ct) }));

        api.MapPost("/ownership-rules", async (HttpRequest request, ClaimsPrincipal user, TeamAdministration admin, CancellationToken ct) =>
        {
            var (body, error) = await BoundedJsonBody.ReadAsync<OwnershipRuleRequest>(request, MaxBodyBytes, ct);
            return error is not null ? ApiEndpoints.BadRequest(error)
                : Created("ownership-rules", await admin.CreateRuleAsync(user, body ?? new OwnershipRuleRequest(null), ct));
        }).RequireAuthorization(AuthPolicies.CanAdminister).Accepts<OwnershipRuleRequest>("application/json");

        api.MapPut("/ownership-rules/{id:guid}", async (Guid id, HttpRequest request, ClaimsPrincipal user, TeamAdministration admin, CancellationToken ct) =>
        {
            var (body, error) = await BoundedJsonBody.ReadAsync<OwnershipRuleRequest>(request, MaxBodyBytes, ct);
            return error is not null ? ApiEndpoints.BadRequest(error)
                : Answer(await admin.UpdateRuleAsync(user, id, body ?? new OwnershipRuleRequest(null), ct), Results.NoContent());
        }).RequireAuthorization(AuthPolicies.CanAdminister).Accepts<OwnershipRuleRequest>("application/json");

        api.MapDelete("/ownership-rules/{id:guid}", async (Guid id, ClaimsPrincipal user, TeamAdministration admin, CancellationToken ct) =>
            Answer(await admin.DeleteRuleAsync(user, id, ct), Results.NoContent())).RequireAuthorization(AuthPolicies.CanAdminister);
        return api;
    }

    private static IResult Created(string collection, TeamCommandResult result) =>
        Answer(result, Results.Created($"/api/v1/{collection}/{result.Id}", new { id = result.Id }));

    private static IResult Answer(TeamCommandResult result, IResult ok) =>
        result.NotFound ? Results.NotFound(new ApiError(result.Errors[0]))
        : result.Succeeded ? ok
        : Results.BadRequest(new ApiError(string.Join(" ", result.Errors), result.Errors));
}
