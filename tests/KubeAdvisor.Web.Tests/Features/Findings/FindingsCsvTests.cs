using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Web.Features.Findings;

namespace KubeAdvisor.Web.Tests.Features.Findings;

/// <summary>The one CSV line of a finding: every column of the header, in its order, escaped, times in UTC.</summary>
public sealed class FindingsCsvTests
{
    private static readonly DateTimeOffset First = new(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset Last = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Line_OpenFinding_HasEveryColumnOfTheHeaderInOrder()
    {
        var line = FindingsCsv.Line(Row(isOpen: true, message: "=HYPERLINK(\"x\")", resolvedAt: null));

        Assert.Equal(
            "prod,shop,Deployment,web,nginx,Init,nginx:latest,image-tag-latest,critical,\"'=HYPERLINK(\"\"x\"\")\","
            + "2026-11-01T06:00:00.0000000Z,2026-11-20T12:00:00.0000000Z,,",
            line);
        Assert.Equal(FindingsCsv.Header.Split(',').Length, line.Split(',').Length);
    }

    [Fact]
    public void Line_ResolvedFinding_WritesResolvedAt()
    {
        var line = FindingsCsv.Line(Row(isOpen: false, message: "m", resolvedAt: Last.AddHours(1)));

        Assert.EndsWith(",m,2026-11-01T06:00:00.0000000Z,2026-11-20T12:00:00.0000000Z,2026-11-20T13:00:00.0000000Z,", line);
    }

    [Fact]
    public void Line_OwnedFinding_EndsWithTheTeamsName_Escaped()
    {
        var line = FindingsCsv.Line(Row(isOpen: true, message: "m", resolvedAt: null) with { TeamId = Guid.NewGuid(), TeamName = "=payments, EU" });

        Assert.EndsWith(",resolvedAt,team", FindingsCsv.Header, StringComparison.Ordinal);
        Assert.EndsWith(",2026-11-20T12:00:00.0000000Z,,\"'=payments, EU\"", line);
    }

    [Theory]
    [InlineData("=cmd()", "'=cmd()")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void Cell_Escapes(string value, string expected) => Assert.Equal(expected, FindingsCsv.Cell(value));

    private static FindingRow Row(bool isOpen, string message, DateTimeOffset? resolvedAt) => new(
        1, Guid.NewGuid(), "prod", Guid.NewGuid(), "shop", "Deployment", "web", "nginx", ContainerType.Init, "nginx:latest",
        "image-tag-latest", Severity.Critical, message, "r", isOpen, First, Last, resolvedAt, [], null);
}
