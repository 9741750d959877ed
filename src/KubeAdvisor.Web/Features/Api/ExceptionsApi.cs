using System.Security.Claims;
using System.Text;
using KubeAdvisor.Web.Features.Exceptions;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Infrastructure.Auth;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// Governed exceptions (docs/exceptions.md): list and read (every role), request (Engineer+; an Admin's own request is
/// approved at once unless it says approve: false), approve and reject (Admin), revoke (Engineer+ at the endpoint; the
/// workflow lets an Engineer revoke only their own), and the YAML export (every role) and import (Admin). The rules are
/// the workflow's (<see cref="ExceptionWorkflow"/>); its refusals become 403 (role), 404 (no such exception), 409 (the
/// exception's state no longer allows it, or another change won) and 400 (the input).
/// </summary>
public static class ExceptionsApi
{
    /// <summary>A request: room for the longest reason, ticket, globs and 100 policy ids, escaped.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>A decision's comment (at most 2,000 characters), escaped.</summary>
    public const int MaxCommentBodyBytes = 16 * 1024;

    /// <summary>The optional body of approve, reject (where the comment is required) and revoke.</summary>
    public sealed record CommentBody(string? Comment);

    /// <summary>The 400 answer of an import: why, every error as one line, and the entries that have them.</summary>
    public sealed record ImportRefusal(string Error, IReadOnlyList<string> Errors, IReadOnlyList<ExceptionImportEntry> Entries);

    public static RouteGroupBuilder MapExceptionsApi(this RouteGroupBuilder api)
    {
        var exceptions = api.MapGroup("/exceptions");
        exceptions.MapGet("", ListAsync);
        exceptions.MapGet("/{id:guid}", async (Guid id, ExceptionQueries queries, CancellationToken ct) =>
            await queries.FindAsync(id, ct) is { } view ? Results.Ok(view) : ApiEndpoints.NotFound("exception"));
        exceptions.MapGet("/export", ExportAsync).Produces<string>(StatusCodes.Status200OK, ExceptionYaml.ContentType);
        api.MapGet("/clusters/{id:guid}/exceptions/active", async (Guid id, ExceptionQueries queries, FindingsQueries findings, CancellationToken ct) =>
            await findings.ClusterExistsAsync(id, ct) ? Results.Ok(new { items = await queries.ActiveAsync(id, ct) }) : ApiEndpoints.NotFound("cluster"));

        exceptions.MapPost("", RequestAsync).RequireAuthorization(AuthPolicies.CanOperate).Accepts<ExceptionRequest>("application/json");
        exceptions.MapPost("/{id:guid}/approve", (Guid id, HttpRequest request, ClaimsPrincipal user, ExceptionWorkflow workflow, ExceptionQueries queries, CancellationToken ct) =>
            DecideAsync(request, queries, ct, comment => workflow.ApproveAsync(user, id, comment, ct)))
            .RequireAuthorization(AuthPolicies.CanAdminister).Accepts<CommentBody>("application/json");
        exceptions.MapPost("/{id:guid}/reject", (Guid id, HttpRequest request, ClaimsPrincipal user, ExceptionWorkflow workflow, ExceptionQueries queries, CancellationToken ct) =>
            DecideAsync(request, queries, ct, comment => workflow.RejectAsync(user, id, comment, ct)))
            .RequireAuthorization(AuthPolicies.CanAdminister).Accepts<CommentBody>("application/json");
        exceptions.MapPost("/{id:guid}/revoke", (Guid id, HttpRequest request, ClaimsPrincipal user, ExceptionWorkflow workflow, ExceptionQueries queries, CancellationToken ct) =>
            DecideAsync(request, queries, ct, comment => workflow.RevokeAsync(user, id, comment, ct)))
            .RequireAuthorization(AuthPolicies.CanOperate).Accepts<CommentBody>("application/json");

        // No Accepts(...): that would make routing answer 415 to any other Content-Type, and curl --data-binary sends
        // application/x-www-form-urlencoded unless told otherwise. The body is read as UTF-8 YAML whatever it is labelled.
        exceptions.MapPost("/import", ImportAsync).RequireAuthorization(AuthPolicies.CanAdminister);
        return api;
    }

    private static async Task<IResult> ListAsync(string? status, string? clusterId, ExceptionQueries queries, FindingsQueries findings, CancellationToken ct)
    {
        // An empty parameter (?status=) means no filter, as in the findings API.
        status = string.IsNullOrEmpty(status) ? null : status;
        if (status is not null && !ExceptionStatuses.All.Contains(status, StringComparer.Ordinal))
        {
            return ApiEndpoints.BadRequest($"status must be one of {string.Join(", ", ExceptionStatuses.All)}.");
        }

        Guid? cluster = null;
        if (!string.IsNullOrEmpty(clusterId))
        {
            if (!Guid.TryParse(clusterId, out var id))
            {
                return ApiEndpoints.BadRequest("clusterId must be a cluster's id (a GUID).");
            }

            if (!await findings.ClusterExistsAsync(id, ct))
            {
                return ApiEndpoints.NotFound("cluster");
            }

            cluster = id;
        }

        // A cluster's list includes the exceptions that apply to all clusters, as its scans do.
        return Results.Ok(new { items = await queries.ListAsync(status, cluster, ct) });
    }

    private static async Task<IResult> RequestAsync(HttpRequest request, ClaimsPrincipal user, ExceptionWorkflow workflow, CancellationToken ct)
    {
        var (body, error) = await BoundedJsonBody.ReadAsync<ExceptionRequest>(request, MaxBodyBytes, ct);
        if (error is not null)
        {
            return ApiEndpoints.BadRequest(error);
        }

        if (body is null)
        {
            return ApiEndpoints.BadRequest("Send JSON with clusterId (null for all clusters), the scope globs, policies, reason, ticketUrl and expiresAt.");
        }

        var result = await workflow.RequestAsync(user, body, ct);
        return result.Succeeded
            ? Results.Created($"/api/v1/exceptions/{result.Id}", new { id = result.Id, status = result.Status })
            : Refusal(result);
    }

    private static async Task<IResult> DecideAsync(
        HttpRequest request, ExceptionQueries queries, CancellationToken ct, Func<string?, Task<ExceptionCommandResult>> action)
    {
        var (body, error) = await BoundedJsonBody.ReadAsync<CommentBody>(request, MaxCommentBodyBytes, ct, optional: true);
        if (error is not null)
        {
            return ApiEndpoints.BadRequest(error);
        }

        var result = await action(body?.Comment);
        return result.Succeeded ? Results.Ok(await queries.FindAsync(result.Id!.Value, ct)) : Refusal(result);
    }

    private static async Task<IResult> ExportAsync(ExceptionQueries queries, TimeProvider time, CancellationToken ct)
    {
        var approved = await queries.ListAsync(ExceptionStatuses.Approved, ct: ct);
        var yaml = ExceptionYaml.Write(approved, time.GetUtcNow(), truncated: approved.Count >= ExceptionQueries.MaxListed);
        return Results.Text(yaml, ExceptionYaml.ContentType + "; charset=utf-8");
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, ClaimsPrincipal user, ExceptionImporter importer, CancellationToken ct)
    {
        var max = ExceptionYaml.Limits.MaxBytes;
        var body = await BoundedBody.ReadAsync(request, max, ct);
        if (body is null)
        {
            return ApiEndpoints.BadRequest($"The file is larger than {max / 1024} KiB; split it.");
        }

        var result = await importer.ImportAsync(user, Encoding.UTF8.GetString(body).TrimStart('\uFEFF'), ct);
        if (!result.Applied)
        {
            var invalid = result.Invalid;
            return Results.BadRequest(new ImportRefusal(result.Error!,
                invalid.SelectMany(e => e.Errors.Select(m => $"entry {e.Index} (line {e.Line}): {m}")).DefaultIfEmpty(result.Error!).ToList(), invalid));
        }

        return Results.Ok(new { created = result.Created, unchanged = result.Unchanged, entries = result.Entries });
    }

    private static IResult Refusal(ExceptionCommandResult result)
    {
        var error = new ApiError(string.Join(" ", result.Errors), result.Errors);
        return result.Forbidden ? Results.Json(error, statusCode: StatusCodes.Status403Forbidden)
            : result.NotFound ? ApiEndpoints.NotFound("exception")
            : result.Conflict ? Results.Conflict(error)
            : Results.BadRequest(error);
    }
}
