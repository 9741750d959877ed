using KubeAdvisor.Core.Policies;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Teams;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// GET /api/v1/clusters/{id}/findings (JSON, or CSV with Accept: text/csv or format=csv) and the trend. Pages by number
/// (page, for the first pages) or by keyset (cursor in, nextCursor out; decision 0017), which costs the same at any depth.
/// </summary>
public static class FindingsApi
{
    /// <param name="Note">Why the finding opened again ("exception expired" / "exception revoked"), else null.</param>
    /// <param name="Team">The owning team's name, null when unowned; <paramref name="TeamId"/> is what <c>team=</c> takes.</param>
    public sealed record FindingDto(
        long Id, string Namespace, string Kind, string Name, string? Container, string? ContainerType, string? Image, string Policy,
        string Severity, string Message, string Remediation, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DateTimeOffset? ResolvedAt, Guid WorkloadId,
        IReadOnlyList<string> Digests, string? Note, string? Team, Guid? TeamId)
    {
        public static FindingDto From(FindingRow r) => new(
            r.Id, r.Namespace, r.Kind, r.WorkloadName, r.Container, r.ContainerType?.ToString(), r.Image, r.PolicyId, r.Severity.ToString(),
            r.Message, r.Remediation, r.FirstSeen, r.LastSeen, r.ResolvedAt, r.WorkloadId, r.Digests, r.Note, r.TeamName, r.TeamId);
    }

    public static RouteGroupBuilder MapFindingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clusters/{id:guid}/findings", FindingsAsync);
        api.MapGet("/clusters/{id:guid}/trend", TrendAsync);
        return api;
    }

    private static async Task<IResult> FindingsAsync(
        Guid id, string? @namespace, string? policy, string? severity, string? status, int? page, int? pageSize, string? format, string? cursor, string? team,
        HttpContext http, FindingsQueries queries, MyTeams myTeams, IAuthorizationService authorization, CancellationToken ct)
    {
        var csv = format == "csv" || http.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true);
        // Export is Engineer and above, in the API as in the UI; reading findings as JSON is for every role.
        if (csv && !(await authorization.AuthorizeAsync(http.User, AuthPolicies.CanOperate)).Succeeded)
        {
            return Results.Json(new ApiError("Exporting findings as CSV needs the Engineer or Admin role."), statusCode: StatusCodes.Status403Forbidden);
        }

        Severity? sev = null;
        if (!string.IsNullOrEmpty(severity))
        {
            if (!Enum.TryParse<Severity>(severity, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return ApiEndpoints.BadRequest("severity must be one of info, low, medium, high, critical.");
            }

            sev = parsed;
        }

        if (status is not (null or "" or "open" or "resolved"))
        {
            return ApiEndpoints.BadRequest("status must be open or resolved.");
        }

        if (page is < 1 || pageSize is < 1 or > FindingsQueries.MaxPageSize)
        {
            return ApiEndpoints.BadRequest("page must be 1 or more and pageSize between 1 and 1000.");
        }

        if (!string.IsNullOrEmpty(team) && !FindingsFilter.IsTeam(team))
        {
            return ApiEndpoints.BadRequest($"team must be a team id, several separated by commas (at most {FindingsFilter.MaxTeams}), unowned or mine.");
        }

        if (format is not (null or "" or "json" or "csv"))
        {
            return ApiEndpoints.BadRequest("format must be json or csv.");
        }

        FindingsCursor? after = null;
        if (cursor is not null)
        {
            if (page is > 1)
            {
                return ApiEndpoints.BadRequest("cursor and page cannot be used together: follow nextCursor, or ask for a page number.");
            }

            if (!FindingsCursor.TryDecode(cursor, out after, out var error))
            {
                return ApiEndpoints.BadRequest(error!);
            }

            // The API answers in the one default order (decision 0013); the explorer's cursors of other orders do not fit.
            if (after!.Sort != "severity" || !after.Descending)
            {
                return ApiEndpoints.BadRequest("cursor was made for another sort order than this API's (severity, newest first).");
            }
        }

        if (!await queries.ClusterExistsAsync(id, ct))
        {
            return ApiEndpoints.NotFound("cluster");
        }

        // team=mine: the teams of the caller (the token's owner); a system token is in none and gets no rows.
        var filter = await myTeams.ResolveAsync(
            new FindingsFilter(id, FindingsFilter.NamespaceOf(@namespace), NullIfEmpty(policy), sev, Resolved: status == "resolved", Team: NullIfEmpty(team)), http.User, ct);
        if (csv)
        {
            // The same writer and rows as the explorer's export (GET /violations/export.csv); all rows unless a page is asked for.
            return Results.Stream(body => FindingsCsv.WriteAsync(body, queries.StreamAsync(filter, page, pageSize, ct, after), ct), FindingsCsv.ContentType);
        }

        var size = pageSize ?? 100;
        var number = page ?? 1;
        var result = await queries.PageAsync(filter, number - 1, size, withDigests: true, ct: ct, after: after);
        // page is null on a cursor's page: its number is not known (and not needed); nextCursor is null on the last page.
        return Results.Ok(new
        {
            total = result.Total, page = after is null ? number : (int?)null, pageSize = size, items = result.Rows.Select(FindingDto.From).ToList(),
            nextCursor = result.Next?.Encode(),
        });
    }

    private static async Task<IResult> TrendAsync(Guid id, int? days, string? granularity, TrendQueries trends, FindingsQueries queries, CancellationToken ct)
    {
        if (days is < 1 or > 730)
        {
            return ApiEndpoints.BadRequest("days must be between 1 and 730.");
        }

        if (granularity is not (null or "" or "day" or "scan"))
        {
            return ApiEndpoints.BadRequest("granularity must be day or scan.");
        }

        if (!await queries.ClusterExistsAsync(id, ct))
        {
            return ApiEndpoints.NotFound("cluster");
        }

        // The dashboard's charts read the same two series (TrendQueries), so the API and the UI show the same numbers.
        return Results.Ok(granularity == "scan"
            ? await trends.ByScanAsync(id, "", days ?? 30, ct)
            : await trends.ByDayAsync(id, "", days ?? 30, ct));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
