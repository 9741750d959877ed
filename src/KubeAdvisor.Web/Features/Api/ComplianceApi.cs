using KubeAdvisor.Web.Features.Compliance;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>Compliance per framework: one cluster, or every cluster (any signed-in role may read).</summary>
public static class ComplianceApi
{
    public static RouteGroupBuilder MapComplianceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/compliance", async (ComplianceQueries queries, CancellationToken ct) =>
            Results.Ok(new { items = await queries.FleetAsync(ct) }));

        api.MapGet("/clusters/{id:guid}/compliance", async (Guid id, ComplianceQueries queries, CancellationToken ct) =>
            await queries.ForClusterAsync(id, ct) is { } compliance ? Results.Ok(compliance) : ApiEndpoints.NotFound("cluster"));
        return api;
    }
}
