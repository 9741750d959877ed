using System.Text;

namespace KubeAdvisor.Web.Features.Api;

/// <summary>RFC 4180 CSV of findings. Cells that a spreadsheet would run as a formula are prefixed with a quote.</summary>
public static class FindingsCsv
{
    public static string Write(IEnumerable<FindingsApi.FindingDto> findings)
    {
        var sb = new StringBuilder("namespace,kind,name,container,containerType,image,policy,severity,message,firstSeen,lastSeen,resolvedAt\r\n");
        foreach (var f in findings)
        {
            sb.AppendJoin(',', Cell(f.Namespace), Cell(f.Kind), Cell(f.Name), Cell(f.Container), Cell(f.ContainerType), Cell(f.Image),
                Cell(f.Policy), Cell(f.Severity.ToLowerInvariant()), Cell(f.Message), Cell(f.FirstSeen.ToString("O")), Cell(f.LastSeen.ToString("O")),
                Cell(f.ResolvedAt?.ToString("O")));
            sb.Append("\r\n");
        }

        return sb.ToString();
    }

    public static string Cell(string? value) => Infrastructure.Csv.CsvCell.Escape(value);
}
