using System.Text;
using KubeAdvisor.Web.Features.Dashboard;
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

    private static async Task ExportAsync(HttpContext http, ViolationsQueries queries, TimeProvider time,
        string? cluster, string? @namespace, string? policy, string? severity, string? kind, string? q)
    {
        var filter = ViolationsFilter.From(cluster, @namespace, policy, severity, kind, q);
        var ct = http.RequestAborted;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"violations-{time.GetUtcNow():yyyyMMdd-HHmm}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync("cluster,namespace,kind,workload,container,image,policy,severity,message,firstSeen\r\n");
        await foreach (var r in queries.StreamAsync(filter, ct))
        {
            await writer.WriteAsync(string.Join(',', Cell(r.ClusterName), Cell(r.Namespace), Cell(r.Kind), Cell(r.WorkloadName),
                Cell(r.Container), Cell(r.Image), Cell(r.PolicyId), Scores.SeverityName(r.Severity), Cell(r.Message),
                r.FirstSeen.UtcDateTime.ToString("O")));
            await writer.WriteAsync("\r\n");
        }
    }

    /// <summary>RFC 4180 quoting; a cell a spreadsheet would run as a formula gets a leading quote.</summary>
    public static string Cell(string? value) => Infrastructure.Csv.CsvCell.Escape(value);
}
