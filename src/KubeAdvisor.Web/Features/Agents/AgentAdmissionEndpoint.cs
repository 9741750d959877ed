using KubeAdvisor.Data;
using KubeAdvisor.Web.Features.Admission;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace KubeAdvisor.Web.Features.Agents;

/// <summary>
/// GET /api/v1/agent/admission: what the cluster's admission webhook applies (mode, policy settings, approved
/// exceptions; <see cref="AdmissionConfigSource"/>), for the agent token only, checked here like the snapshot push.
/// The agent asks every minute with If-None-Match: an unchanged configuration is a 304 without a body.
/// </summary>
public static class AgentAdmissionEndpoint
{
    public const string Route = "/api/v1/agent/admission";

    public static async Task<IResult> HandleAsync(HttpContext http, IDbContextFactory<KubeAdvisorDbContext> dbFactory, AdmissionConfigSource source, CancellationToken ct)
    {
        var clusterId = await AgentIngestionEndpoint.ClusterOfRequestAsync(http, dbFactory, ct);
        if (clusterId is not { } cluster || await source.BuildAsync(cluster, ct) is not { } config)
        {
            return AgentIngestionEndpoint.Unauthorized(http);
        }

        http.Response.Headers.ETag = config.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        var ifNoneMatch = http.Request.Headers[HeaderNames.IfNoneMatch].ToString();
        return ifNoneMatch.Split(',', StringSplitOptions.TrimEntries).Contains(config.ETag, StringComparer.Ordinal)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(config.Json, "application/json");
    }
}
