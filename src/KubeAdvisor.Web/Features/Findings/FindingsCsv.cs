using System.Globalization;
using System.Text;
using KubeAdvisor.Web.Infrastructure.Csv;

namespace KubeAdvisor.Web.Features.Findings;

/// <summary>
/// The one CSV of findings, written by the explorer's export and by the API alike (RFC 4180, CRLF, UTF-8 without BOM).
/// Cells a spreadsheet would run as a formula are prefixed with a quote (<see cref="CsvCell"/>). Times are UTC, ISO 8601.
/// <c>team</c> is the owning team's name, empty when unowned (last, so scripts reading the earlier columns by position still work).
/// </summary>
public static class FindingsCsv
{
    public const string Header = "cluster,namespace,kind,workload,container,containerType,image,policy,severity,message,firstSeen,lastSeen,resolvedAt,team";

    public const string ContentType = "text/csv; charset=utf-8";

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<FindingRow> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync(Header + "\r\n");
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteAsync(Line(row) + "\r\n");
        }
    }

    public static string Line(FindingRow f) => string.Join(',',
        Cell(f.ClusterName), Cell(f.Namespace), Cell(f.Kind), Cell(f.WorkloadName), Cell(f.Container), Cell(f.ContainerType?.ToString()),
        Cell(f.Image), Cell(f.PolicyId), Cell(f.Severity.ToString().ToLowerInvariant()), Cell(f.Message),
        Time(f.FirstSeen), Time(f.LastSeen), f.ResolvedAt is { } resolved ? Time(resolved) : "", Cell(f.TeamName));

    public static string Cell(string? value) => CsvCell.Escape(value);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
