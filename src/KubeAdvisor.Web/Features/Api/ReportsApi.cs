using KubeAdvisor.Web.Features.Reports;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>
/// GET /api/v1/clusters/{id}/reports: the cluster's results as openreports.io/v1alpha1 Reports (one per namespace) and a
/// ClusterReport, in a Kubernetes List (any signed-in role; docs/reports.md). <c>?namespace=</c> gives that namespace's
/// Report only. Streamed: the answer for 60,000 findings is written a page at a time.
/// </summary>
public static class ReportsApi
{
    /// <summary>The longest namespace name Kubernetes allows (a DNS label).</summary>
    public const int MaxNamespaceLength = 63;

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/clusters/{id:guid}/reports", async (Guid id, string? @namespace, OpenReportsWriter writer, CancellationToken ct) =>
            {
                if (@namespace is { Length: 0 or > MaxNamespaceLength })
                {
                    return ApiEndpoints.BadRequest($"namespace must be 1 to {MaxNamespaceLength} characters.");
                }

                return await writer.LoadAsync(id, @namespace, ct) is { } basis
                    ? Results.Stream(body => writer.WriteAsync(body, basis, ct), "application/json")
                    : ApiEndpoints.NotFound("cluster");
            })
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return api;
    }
}
