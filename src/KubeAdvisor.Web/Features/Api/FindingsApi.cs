using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>GET /api/v1/clusters/{id}/findings (JSON, or CSV with Accept: text/csv or format=csv) and the trend.</summary>
public static class FindingsApi
{
    public sealed record FindingDto(
        long Id, string Namespace, string Kind, string Name, string? Container, string? ContainerType, string? Image, string Policy,
        string Severity, string Message, string Remediation, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, DateTimeOffset? ResolvedAt, Guid WorkloadId,
        IReadOnlyList<string> Digests);

    public sealed record TrendPoint(DateTimeOffset At, double Score, int FailedChecks);

    public static RouteGroupBuilder MapFindingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clusters/{id:guid}/findings", FindingsAsync);
        api.MapGet("/clusters/{id:guid}/trend", TrendAsync);
        return api;
    }

    private static async Task<IResult> FindingsAsync(
        Guid id, string? @namespace, string? policy, string? severity, string? status, int? page, int? pageSize, string? format,
        HttpContext http, IDbContextFactory<KubeAdvisorDbContext> f, IAuthorizationService authorization, CancellationToken ct)
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

        if (page is < 1 || pageSize is < 1 or > 1000)
        {
            return ApiEndpoints.BadRequest("page must be 1 or more and pageSize between 1 and 1000.");
        }

        if (format is not (null or "" or "json" or "csv"))
        {
            return ApiEndpoints.BadRequest("format must be json or csv.");
        }

        await using var db = await f.CreateDbContextAsync(ct);
        if (await LastSucceededScan.LoadAsync(db, id, ct) is not { } last)
        {
            return ApiEndpoints.NotFound("cluster");
        }

        var open = status != "resolved";
        var q = db.Findings.AsNoTracking().Where(x => x.ClusterId == id && x.IsOpen == open);
        if (!string.IsNullOrEmpty(@namespace)) { q = q.Where(x => x.Namespace == @namespace); }
        if (!string.IsNullOrEmpty(policy)) { q = q.Where(x => x.PolicyId == policy); }
        if (sev is { } s) { q = q.Where(x => x.Severity == (int)s); }
        q = q.OrderByDescending(x => x.Severity).ThenBy(x => x.Namespace).ThenBy(x => x.WorkloadName).ThenBy(x => x.Id);

        if (csv)
        {
            var rows = page is null && pageSize is null ? q : q.Skip(((page ?? 1) - 1) * (pageSize ?? 100)).Take(pageSize ?? 100);
            var items = await Project(db, rows, last).ToListAsync(ct);
            return Results.Text(FindingsCsv.Write(items), "text/csv; charset=utf-8");
        }

        var size = pageSize ?? 100;
        var number = page ?? 1;
        var total = await q.CountAsync(ct);
        var list = await Project(db, q.Skip((number - 1) * size).Take(size), last).ToListAsync(ct);
        return Results.Ok(new { total, page = number, pageSize = size, items = list });
    }

    private static async Task<IResult> TrendAsync(Guid id, int? days, string? granularity, IDbContextFactory<KubeAdvisorDbContext> f, TimeProvider time, CancellationToken ct)
    {
        if (days is < 1 or > 730)
        {
            return ApiEndpoints.BadRequest("days must be between 1 and 730.");
        }

        if (granularity is not (null or "" or "day" or "scan"))
        {
            return ApiEndpoints.BadRequest("granularity must be day or scan.");
        }

        await using var db = await f.CreateDbContextAsync(ct);
        if (!await db.Clusters.AnyAsync(c => c.Id == id, ct))
        {
            return ApiEndpoints.NotFound("cluster");
        }

        var since = time.GetUtcNow().AddDays(-(days ?? 30));
        if (granularity == "scan")
        {
            var samples = await db.ScoreSamples.AsNoTracking().Where(s => s.ClusterId == id && s.Namespace == "" && s.At >= since)
                .OrderBy(s => s.At).Select(s => new TrendPoint(s.At, s.Score, s.FailedChecks)).ToListAsync(ct);
            return Results.Ok(samples);
        }

        var first = DateOnly.FromDateTime(since.UtcDateTime);
        var rollups = await db.DailyRollups.AsNoTracking().Where(r => r.ClusterId == id && r.Namespace == "" && r.Day >= first)
            .OrderBy(r => r.Day).Select(r => new { r.Day, r.Score, r.FailedChecks }).ToListAsync(ct);
        return Results.Ok(rollups.Select(r => new TrendPoint(new DateTimeOffset(r.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), r.Score, r.FailedChecks)));
    }

    // An open finding was last seen by the cluster's last succeeded scan (LastSucceededScan); a resolved one keeps
    // what was stored when it was resolved. Digests: what this container ran at that scan (running-digest history):
    // for an open finding the digests running now, for a resolved one those last seen by its last scan.
    private static IQueryable<FindingDto> Project(KubeAdvisorDbContext db, IQueryable<FindingRecord> q, LastSucceededScan last)
    {
        var (lastAt, known) = (last.FinishedAt ?? DateTimeOffset.MinValue, last.FinishedAt is not null);
        return q.Select(x => new FindingDto(
            x.Id, x.Namespace, x.Kind, x.WorkloadName, x.Container, x.ContainerType, x.Image, x.PolicyId,
            ((Severity)x.Severity).ToString(), x.Message, x.Remediation, x.FirstSeen, x.IsOpen && known ? lastAt : x.LastSeen, x.ResolvedAt, x.WorkloadId,
            db.DigestObservations
                .Where(d => d.ClusterId == x.ClusterId && (x.IsOpen && known ? d.GoneAt == null : d.LastScanId == x.LastScanId)
                    && d.Container == x.Container && d.ContainerType == x.ContainerType
                    && d.WorkloadUid == db.Workloads.Where(w => w.Id == x.WorkloadId).Select(w => w.Uid).FirstOrDefault())
                .OrderBy(d => d.Digest).Select(d => d.Digest).ToList()));
    }
}
