using System.Globalization;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Api;
using KubeAdvisor.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>
/// GET /api/v1/agent/reports: the agent's own cluster's results as openreports.io Reports, the very List of
/// GET /api/v1/clusters/{id}/reports (<see cref="OpenReportsWriter"/>, streamed), for the agent token only: the cluster
/// is the token's, so no agent can read another cluster's results and no user token is accepted (decision 0034).
/// With <c>?scan=</c> (the scan its push created) it answers 202 with Retry-After while that scan is queued or running,
/// so the agent writes results only once its snapshot is judged; a scan of another cluster is 404. The header
/// <see cref="ScanIdHeader"/> names the scan the Reports come from; it is absent before the first successful scan.
/// </summary>
public static class AgentReportsEndpoint
{
    public const string Route = "/api/v1/agent/reports";
    public const string ScanIdHeader = "X-KubeAdvisor-Scan-Id";

    /// <summary>Seconds the agent is asked to wait before asking again about a scan still queued or running.</summary>
    public const int RetryAfterSeconds = 2;

    public static async Task<IResult> HandleAsync(
        HttpContext http, Guid? scan, IDbContextFactory<KubeAdvisorDbContext> dbFactory, OpenReportsWriter writer, CancellationToken ct)
    {
        var clusterId = await AgentIngestionEndpoint.ClusterOfRequestAsync(http, dbFactory, ct);
        if (clusterId is not { } cluster)
        {
            return AgentIngestionEndpoint.Unauthorized(http);
        }

        if (scan is { } scanId)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var status = await db.Scans.AsNoTracking().Where(s => s.Id == scanId && s.ClusterId == cluster).Select(s => (ScanStatus?)s.Status).FirstOrDefaultAsync(ct);
            if (status is null)
            {
                return ApiEndpoints.NotFound("scan of this cluster");
            }

            if (status is ScanStatus.Queued or ScanStatus.Running)
            {
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Results.Json(new { scanId, status = status.ToString() }, statusCode: StatusCodes.Status202Accepted);
            }
        }

        if (await writer.LoadAsync(cluster, null, ct) is not { } basis)
        {
            return ApiEndpoints.NotFound("cluster"); // removed a moment ago
        }

        if (basis.Last.Id is { } last)
        {
            http.Response.Headers[ScanIdHeader] = last.ToString();
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Stream(body => writer.WriteAsync(body, basis, ct), "application/json");
    }
}
