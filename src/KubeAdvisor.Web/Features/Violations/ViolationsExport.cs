using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Teams;
using KubeAdvisor.Web.Infrastructure.Auth;

namespace KubeAdvisor.Web.Features.Violations;

/// <summary>GET /violations/export.csv with the explorer's query string: the filtered open findings as CSV, Engineer+.</summary>
public static class ViolationsExport
{
    public const string Path = "/violations/export.csv";

    public static IEndpointRouteBuilder MapViolationsExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ExportAsync).RequireAuthorization(AuthPolicies.CanOperate);
        return app;
    }

    private static async Task ExportAsync(HttpContext http, FindingsQueries queries, MyTeams myTeams, TimeProvider time,
        string? cluster, string? @namespace, string? policy, string? severity, string? kind, string? q, string? team)
    {
        // team=mine is the caller's teams, as on the page the link came from.
        var filter = await myTeams.ResolveAsync(FindingsFilter.From(cluster, @namespace, policy, severity, kind, q, team), http.User, http.RequestAborted);
        http.Response.ContentType = FindingsCsv.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"violations-{time.GetUtcNow():yyyyMMdd-HHmm}.csv\"";
        await FindingsCsv.WriteAsync(http.Response.Body, queries.StreamAsync(filter, ct: http.RequestAborted), http.RequestAborted);
    }
}
