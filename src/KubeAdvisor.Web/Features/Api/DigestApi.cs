using KubeAdvisor.Web.Features.Findings;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>GET /api/v1/clusters/{id}/workloads/{workloadId}/digests: what ran, per container, oldest first.</summary>
public static class DigestApi
{
    public static RouteGroupBuilder MapDigestApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clusters/{id:guid}/workloads/{workloadId:guid}/digests", async (Guid id, Guid workloadId, DigestQueries q, CancellationToken ct) =>
            await q.HistoryAsync(id, workloadId, ct) is { } history ? Results.Ok(history) : ApiEndpoints.NotFound("workload in this cluster"));
        return api;
    }
}
