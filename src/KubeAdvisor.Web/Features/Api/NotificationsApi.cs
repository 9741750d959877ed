using System.Security.Claims;
using KubeAdvisor.Web.Features.Notifications;
using KubeAdvisor.Web.Infrastructure.Auth;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// Notification channels and routes, Admin only (reads included: destinations and the delivery log are an Admin's
/// business). /api/v1/notifications/channels (GET, POST, DELETE /{id}, POST /{id}/test, GET /{id}/deliveries) and
/// /api/v1/notifications/routes (GET, POST, PUT /{id}, DELETE /{id}). A channel's URL and secret are never returned.
/// </summary>
public static class NotificationsApi
{
    public const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").RequireAuthorization(AuthPolicies.CanAdminister);
        group.MapGet("/channels", async (NotificationQueries q, CancellationToken ct) => Results.Ok(new { items = await q.ChannelsAsync(ct) }));

        group.MapPost("/channels", async (HttpRequest request, ClaimsPrincipal user, NotificationAdministration admin, CancellationToken ct) =>
        {
            var (body, error) = await BoundedJsonBody.ReadAsync<ChannelRequest>(request, MaxBodyBytes, ct);
            return error is not null ? ApiEndpoints.BadRequest(error)
                : Created("channels", await admin.CreateChannelAsync(user, body ?? new ChannelRequest(), ct));
        }).Accepts<ChannelRequest>("application/json");

        group.MapDelete("/channels/{id:guid}", async (Guid id, ClaimsPrincipal user, NotificationAdministration admin, CancellationToken ct) =>
            Answer(await admin.DeleteChannelAsync(user, id, ct), Results.NoContent()));

        group.MapPost("/channels/{id:guid}/test", async (Guid id, ClaimsPrincipal user, NotificationAdministration admin, CancellationToken ct) =>
        {
            var result = await admin.SendTestAsync(user, id, ct);
            return Answer(result, Results.Accepted($"/api/v1/notifications/channels/{id}/deliveries", new { messageId = result.Id }));
        });

        group.MapGet("/channels/{id:guid}/deliveries", async (Guid id, int? limit, NotificationQueries q, CancellationToken ct) =>
            await q.DeliveriesAsync(id, limit ?? 100, ct) is { } items ? Results.Ok(new { items }) : ApiEndpoints.NotFound("channel"));

        group.MapGet("/routes", async (NotificationQueries q, CancellationToken ct) => Results.Ok(new { items = await q.RoutesAsync(ct) }));

        group.MapPost("/routes", async (HttpRequest request, ClaimsPrincipal user, NotificationAdministration admin, CancellationToken ct) =>
        {
            var (body, error) = await BoundedJsonBody.ReadAsync<RouteRequest>(request, MaxBodyBytes, ct);
            return error is not null ? ApiEndpoints.BadRequest(error)
                : Created("routes", await admin.CreateRouteAsync(user, body ?? new RouteRequest(), ct));
        }).Accepts<RouteRequest>("application/json");

        group.MapPut("/routes/{id:guid}", async (Guid id, HttpRequest request, ClaimsPrincipal user, NotificationAdministration admin, CancellationToken ct) =>
        {
            var (body, error) = await BoundedJsonBody.ReadAsync<RouteRequest>(request, MaxBodyBytes, ct);
            return error is not null ? ApiEndpoints.BadRequest(error)
                : Answer(await admin.UpdateRouteAsync(user, id, body ?? new RouteRequest(), ct), Results.NoContent());
        }).Accepts<RouteRequest>("application/json");

        group.MapDelete("/routes/{id:guid}", async (Guid id, ClaimsPrincipal user, NotificationAdministration admin, CancellationToken ct) =>
            Answer(await admin.DeleteRouteAsync(user, id, ct), Results.NoContent()));
        return api;
    }

    private static IResult Created(string collection, NotificationCommandResult result) =>
        Answer(result, Results.Created($"/api/v1/notifications/{collection}/{result.Id}", new { id = result.Id }));

    private static IResult Answer(NotificationCommandResult result, IResult ok) =>
        result.NotFound ? Results.NotFound(new ApiError(result.Errors[0]))
        : result.Succeeded ? ok
        : Results.BadRequest(new ApiError(string.Join(" ", result.Errors), result.Errors));
}
