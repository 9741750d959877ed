using System.Security.Claims;
using KubeAdvisor.Web.Features.Tokens;
using KubeAdvisor.Web.Infrastructure.Auth;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>API tokens (Admin): list, create (value returned once), revoke.</summary>
public static class TokenApi
{
    /// <param name="ExpiresInDays">1–365, default 90.</param>
    /// <param name="NeverExpires">true: no expiry (audited); must be asked for explicitly.</param>
    public sealed record CreateTokenBody(string? Name, string? Role, int? ExpiresInDays = null, bool NeverExpires = false);

    public static RouteGroupBuilder MapTokenApi(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").RequireAuthorization(AuthPolicies.CanAdminister);
        tokens.MapGet("", async (ClaimsPrincipal user, ApiTokenAdministration admin, CancellationToken ct) => Results.Ok(await admin.ListAsync(user, ct)));
        tokens.MapPost("", async (CreateTokenBody? body, ClaimsPrincipal user, ApiTokenAdministration admin, CancellationToken ct) =>
        {
            var request = new ApiTokenAdministration.TokenRequest(body?.Name, body?.Role, body?.ExpiresInDays, body?.NeverExpires ?? false);
            var (token, error) = await admin.CreateAsync(user, request, ct);
            return token is null ? ApiEndpoints.BadRequest(error!) : Results.Created($"/api/v1/tokens/{token.Id}", token);
        });
        tokens.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, ApiTokenAdministration admin, CancellationToken ct) =>
            await admin.RevokeAsync(user, id, ct) ? Results.NoContent() : ApiEndpoints.NotFound("token"));
        return api;
    }
}
