using Bunit;
using KubeAdvisor.Web.Features.Overview;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;

namespace KubeAdvisor.Web.Tests.Features.Overview;

[Collection(DashboardCollection.Name)]
public sealed class OverviewPageTests(DashboardFixture fx)
{
    [Fact]
    public async Task Render_NoCluster_ShowsWhatToDoNext()
    {
        await using var ctx = new DashboardTestContext(fx.Empty.ConnectionString, Roles.Viewer);

        var page = ctx.Render<OverviewPage>();

        page.WaitForAssertion(() => Assert.Contains("Connect your first cluster", page.Find("[data-testid=overview-empty]").TextContent));
    }

    [Fact]
    public async Task Render_SeededClusters_ShowsFleetTableScoreAndOffenders()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<OverviewPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=fleet-row]").Count));
        Assert.Contains("75", page.Find("[data-testid=overview-score]").TextContent); // 30 of 40 weight passes
        Assert.Single(page.FindAll("[data-testid=demo-chip]"));
        Assert.Contains("image-tag-latest", page.Find("[data-testid=top-policies]").TextContent);
        Assert.Contains("billing", page.Find("[data-testid=top-namespaces]").TextContent);
        Assert.Contains("not scanned yet", page.Markup);
        Assert.Equal(["prod", "staging"], page.FindAll("[data-testid=fleet-row]").Select(r => r.GetAttribute("data-cluster"))); // worst first: unscored last
        Assert.Matches(@"1\s+findings introduced,\s+2\s+fixed", page.Find("[data-testid=overview-week]").TextContent);
    }

    [Fact]
    public async Task Render_DatabaseUnreachable_ShowsWordsNotAStackTrace()
    {
        await using var ctx = new DashboardTestContext("Host=127.0.0.1;Port=1;Database=none;Username=x;Timeout=2", Roles.Viewer);

        var page = ctx.Render<OverviewPage>();

        page.WaitForAssertion(() => Assert.Contains("could not be loaded", page.Find("[data-testid=overview-error]").TextContent), TimeSpan.FromSeconds(15));
        Assert.DoesNotContain("Exception", page.Markup);
    }
}
