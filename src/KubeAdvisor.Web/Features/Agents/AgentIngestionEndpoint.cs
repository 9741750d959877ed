using System.Globalization;
using System.Text.Json;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Api;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>
/// POST /api/v1/agent/snapshots. Not behind the API's authentication: the bearer token is checked here against
/// clusters.agent_token_hash only, so a user API token can never push and an agent token can never read.
/// 202 accepted, 200 replay (same scan id), 400 malformed, 401 bad or revoked token, 413 too large, 429 too soon.
/// A replay named by the X-KubeAdvisor-Snapshot-Id header and a push that comes too soon are answered before the body is read.
/// </summary>
public static class AgentIngestionEndpoint
{
    public const string Route = "/api/v1/agent/snapshots";
    public const string AgentVersionHeader = "X-KubeAdvisor-Agent-Version";
    public const string SnapshotIdHeader = "X-KubeAdvisor-Snapshot-Id";

    public static async Task<IResult> HandleAsync(
        HttpContext http, IDbContextFactory<KubeAdvisorDbContext> dbFactory, AgentSnapshotIntake intake,
        IOptions<AgentIngestionOptions> options, TimeProvider time, ILogger<AgentSnapshotIntake> logger, CancellationToken ct)
    {
        var clusterId = await ClusterOfRequestAsync(http, dbFactory, ct);
        if (clusterId is not { } cluster)
        {
            return Unauthorized(http);
        }

        var version = Header(http, AgentVersionHeader, 64);
        await TouchAsync(dbFactory, cluster, version, time.GetUtcNow(), ct);

        // Decided before a byte of the body is read: a replay named in the header, or a push that comes too soon.
        var early = await intake.DecideBeforeReadingAsync(cluster, Header(http, SnapshotIdHeader, 128), ct);
        if (early is not null)
        {
            return Answer(http, early, Header(http, SnapshotIdHeader, 128));
        }

        var max = options.Value.MaxSnapshotBytes;
        var body = await BoundedBody.ReadAsync(http.Request, max, ct);
        if (body is null)
        {
            return TooLarge(max);
        }

        if (!AgentPayload.LooksGzipped(body))
        {
            return Bad("Send the snapshot as gzip-compressed JSON (Content-Encoding: gzip).");
        }

        Core.Inventory.ClusterSnapshot snapshot;
        try
        {
            snapshot = await AgentPayload.DecodeAsync(body, max, ct);
        }
        catch (SnapshotTooLargeException)
        {
            logger.LogWarning("Cluster {ClusterId}: a snapshot over {Max} bytes decompressed was refused", cluster, max);
            return TooLarge(max);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            return Bad($"The snapshot is not valid: {e.Message}");
        }

        var errors = SnapshotValidator.Validate(snapshot);
        if (errors.Count > 0)
        {
            return Results.BadRequest(new ApiError("The snapshot is not valid: " + string.Join(" ", errors), errors));
        }

        var result = await intake.AcceptAsync(cluster, snapshot, body, version, ct);
        if (result.Kind == IntakeKind.Accepted)
        {
            logger.LogInformation("Cluster {ClusterId}: agent snapshot {SnapshotId} accepted as scan {ScanId}", cluster, snapshot.SnapshotId, result.ScanId);
        }

        return Answer(http, result, snapshot.SnapshotId);
    }

    private static IResult Answer(HttpContext http, IntakeResult result, string? snapshotId)
    {
        switch (result.Kind)
        {
            case IntakeKind.Accepted:
                return Results.Json(new { scanId = result.ScanId, snapshotId, duplicate = false }, statusCode: StatusCodes.Status202Accepted);
            case IntakeKind.Duplicate:
                return Results.Ok(new { scanId = result.ScanId, snapshotId, duplicate = true });
            default:
                var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter?.TotalSeconds ?? 30));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Results.Json(new ApiError(result.Message ?? "Too many snapshots."), statusCode: StatusCodes.Status429TooManyRequests);
        }
    }

    /// <summary>The cluster of the request's agent token (Authorization: Bearer); null when missing, unknown or revoked.</summary>
    internal static async Task<Guid?> ClusterOfRequestAsync(HttpContext http, IDbContextFactory<KubeAdvisorDbContext> dbFactory, CancellationToken ct) =>
        ApiTokenAuthenticationHandler.BearerToken(http.Request) is { } token ? await ClusterOfAsync(dbFactory, ApiTokenHasher.Hash(token), ct) : null;

    /// <summary>The 401 of every agent endpoint.</summary>
    internal static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Json(new ApiError("The agent token is missing, unknown or revoked."), statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>The agent-connected cluster whose agent token has this hash; null when none (unknown or revoked).</summary>
    internal static async Task<Guid?> ClusterOfAsync(IDbContextFactory<KubeAdvisorDbContext> dbFactory, string hash, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Clusters.Where(c => c.AgentTokenHash == hash && c.ConnectionType == ConnectionType.Agent)
            .Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);
    }

    // Any authenticated push is contact, even one refused below: the page then shows the agent alive but failing.
    private static async Task TouchAsync(IDbContextFactory<KubeAdvisorDbContext> dbFactory, Guid cluster, string? version, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Clusters.Where(c => c.Id == cluster).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.AgentLastContactAt, now)
            .SetProperty(c => c.AgentVersion, c => version ?? c.AgentVersion), ct);
    }

    private static string? Header(HttpContext http, string name, int maxLength)
    {
        var value = http.Request.Headers[name].ToString().Trim();
        return value.Length == 0 ? null : value.Length <= maxLength ? value : value[..maxLength];
    }

    private static IResult Bad(string message) => Results.BadRequest(new ApiError(message));

    private static IResult TooLarge(long max) => Results.Json(
        new ApiError($"The snapshot is larger than {max / (1024.0 * 1024):0.#} MB (KUBEADVISOR_AGENT_MAX_SNAPSHOT_MB)."),
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
