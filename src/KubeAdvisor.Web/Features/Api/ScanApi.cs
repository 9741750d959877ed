using System.Security.Claims;
using System.Text.Json.Serialization;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>Scans: list per cluster, start one (Engineer+), read one.</summary>
public static class ScanApi
{
    public sealed record ScanDto(
        Guid Id, Guid ClusterId, string Trigger, string Status, string? RequestedBy, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt,
        DateTimeOffset? FinishedAt, double? DurationSeconds, string? Error, int Attempts, int InterruptedAttempts, int Workloads, int Containers, int Checks,
        int Passed, int Failed, int Exempt, double? Score, int Introduced, int Fixed, [property: JsonIgnore] string? UnavailableKinds = null)
    {
        /// <summary>Kinds a partial scan could not list (decision 0018); empty for a complete scan.</summary>
        public IReadOnlyList<IncompleteKindDto> Incomplete { get; } = Kubernetes.Collection.UnavailableKinds.Decode(UnavailableKinds)
            .Select(k => new IncompleteKindDto(k.Resource, k.StatusCode, Kubernetes.Collection.UnavailableKinds.Describe(k),
                Kubernetes.Collection.UnavailableKinds.Advice(k)))
            .ToList();

        /// <summary>"incomplete: cannot list poddisruptionbudgets.policy (403)", or null for a complete scan.</summary>
        public string? Warning => Kubernetes.Collection.UnavailableKinds.Warning(Kubernetes.Collection.UnavailableKinds.Decode(UnavailableKinds));
    }

    /// <summary>One kind a partial scan could not list: why (403 forbidden, 404 not served) and what to do about it.</summary>
    public sealed record IncompleteKindDto(string Resource, int Status, string Message, string Advice);

    public static RouteGroupBuilder MapScanApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clusters/{id:guid}/scans", async (Guid id, int? limit, IDbContextFactory<KubeAdvisorDbContext> f, CancellationToken ct) =>
        {
            if (limit is < 1 or > 1000)
            {
                return ApiEndpoints.BadRequest("limit must be between 1 and 1000.");
            }

            await using var db = await f.CreateDbContextAsync(ct);
            if (!await db.Clusters.AnyAsync(c => c.Id == id, ct))
            {
                return ApiEndpoints.NotFound("cluster");
            }

            var scans = await Project(db.Scans.Where(s => s.ClusterId == id).OrderByDescending(s => s.QueuedAt).Take(limit ?? 100)).ToListAsync(ct);
            return Results.Ok(scans.Select(WithDuration));
        });

        api.MapPost("/clusters/{id:guid}/scans", async (Guid id, ClaimsPrincipal user, ScanScheduler scheduler, CancellationToken ct) =>
        {
            var request = await scheduler.RequestAsync(id, ScanTrigger.Api, user.Identity?.Name ?? "api", ct);
            return request is null
                ? ApiEndpoints.NotFound("kubeconfig-connected cluster")
                : Results.Accepted($"/api/v1/scans/{request.ScanId}", new { scanId = request.ScanId, alreadyActive = request.AlreadyActive });
        }).RequireAuthorization(AuthPolicies.CanOperate);

        api.MapGet("/scans/{id:guid}", async (Guid id, IDbContextFactory<KubeAdvisorDbContext> f, CancellationToken ct) =>
        {
            await using var db = await f.CreateDbContextAsync(ct);
            var scan = await Project(db.Scans.Where(s => s.Id == id)).SingleOrDefaultAsync(ct);
            return scan is null ? ApiEndpoints.NotFound("scan") : Results.Ok(WithDuration(scan));
        });
        return api;
    }

    // Wall time of the last attempt, from start to the stored result (or the failure).
    private static ScanDto WithDuration(ScanDto s) =>
        s with { DurationSeconds = s.StartedAt is { } start && s.FinishedAt is { } end ? Math.Round((end - start).TotalSeconds, 3) : null };

    private static IQueryable<ScanDto> Project(IQueryable<Scan> scans) => scans.Select(s => new ScanDto(
        s.Id, s.ClusterId, s.Trigger.ToString(), s.Status.ToString(), s.RequestedBy, s.QueuedAt, s.StartedAt, s.FinishedAt,
        null,
        s.Error, s.Attempts, s.InterruptedAttempts, s.Workloads, s.Containers, s.Checks, s.Passed, s.Failed, s.Exempt, s.Score, s.Introduced, s.Fixed, s.UnavailableKinds));
}
