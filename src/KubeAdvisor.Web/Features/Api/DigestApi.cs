using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>GET /api/v1/clusters/{id}/workloads/{workloadId}/digests: what ran, per container, oldest first.</summary>
public static class DigestApi
{
    public sealed record DigestDto(string Container, string ContainerType, string Image, string Digest, DateTimeOffset FirstSeen,
        DateTimeOffset LastSeen, int PodCount, bool RunningNow);

    public static RouteGroupBuilder MapDigestApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clusters/{id:guid}/workloads/{workloadId:guid}/digests", async (Guid id, Guid workloadId, IDbContextFactory<KubeAdvisorDbContext> f, CancellationToken ct) =>
        {
            await using var db = await f.CreateDbContextAsync(ct);
            var workload = await db.Workloads.AsNoTracking().Where(w => w.Id == workloadId && w.ClusterId == id)
                .Select(w => new { w.Uid }).SingleOrDefaultAsync(ct);
            if (workload is null)
            {
                return ApiEndpoints.NotFound("workload in this cluster");
            }

            return Results.Ok(await HistoryAsync(db, id, workload.Uid, ct));
        });
        return api;
    }

    public static async Task<List<DigestDto>> HistoryAsync(KubeAdvisorDbContext db, Guid clusterId, string workloadUid, CancellationToken ct)
    {
        var lastScan = await db.Clusters.Where(c => c.Id == clusterId).Select(c => c.LastSucceededScanId).SingleOrDefaultAsync(ct);
        return await db.DigestObservations.AsNoTracking()
            .Where(d => d.ClusterId == clusterId && d.WorkloadUid == workloadUid)
            .OrderBy(d => d.Container).ThenBy(d => d.FirstSeen).ThenBy(d => d.Digest)
            .Select(d => new DigestDto(d.Container, d.ContainerType, d.Image, d.Digest, d.FirstSeen, d.LastSeen, d.PodCount, d.LastScanId == lastScan))
            .ToListAsync(ct);
    }
}
