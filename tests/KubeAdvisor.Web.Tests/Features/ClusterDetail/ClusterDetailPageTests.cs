using Bunit;
using KubeAdvisor.Web.Features.ClusterDetail;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;

namespace KubeAdvisor.Web.Tests.Features.ClusterDetail;

[Collection(DashboardCollection.Name)]
public sealed class ClusterDetailPageTests(DashboardFixture fx)
{
    [Fact]
    public async Task Render_Seeded_ShowsScoreNamespacesScansAndConnection()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, fx.Seed.ProdId));

        page.WaitForAssertion(() => Assert.Equal("prod", page.Find("[data-testid=cluster-name]").TextContent));
        Assert.Contains("75", page.Find("[data-testid=score]").TextContent);
        var namespaces = page.Find("[data-testid=namespaces-table]").TextContent;
        Assert.Contains("shop", namespaces);
        Assert.Contains("billing", namespaces);
        Assert.Contains("image-tag-missing", namespaces); // billing's worst policy
        Assert.Contains("Connected", page.Find("[data-testid=connection-panel]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=trend-chart]"));
    }

    [Fact]
    public async Task Render_Viewer_HasNoScanButton()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, fx.Seed.ProdId));

        page.WaitForAssertion(() => page.Find("[data-testid=cluster-name]"));
        Assert.Empty(page.FindAll("[data-testid=scan-now]"));
    }

    [Fact]
    public async Task Render_Engineer_HasScanButton()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Engineer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, fx.Seed.ProdId));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=scan-now]")));
    }

    [Fact]
    public async Task ScanNowAsync_Viewer_IsRefusedAndQueuesNothing()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);
        var button = ctx.Render<ScanNowButton>(p => p.Add(x => x.ClusterId, fx.Seed.StagingId));

        await button.InvokeAsync(() => button.Instance.ScanNowAsync());

        Assert.Contains("does not allow", button.Find("[data-testid=scan-now-message]").TextContent);
        Assert.Empty(ctx.Jobs.Created);
        Assert.Equal(0L, await fx.Seeded.ScalarAsync($"SELECT count(*) FROM scans WHERE \"ClusterId\" = '{fx.Seed.StagingId}'"));
    }

    [Fact]
    public async Task Render_UnknownCluster_SaysSo()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Contains("no such cluster", page.Find("[data-testid=cluster-not-found]").TextContent));
    }

    [Fact]
    public async Task Render_NeverScanned_ShowsNoScoreAndWhatHappensNext()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, fx.Seed.StagingId));

        page.WaitForAssertion(() => page.Find("[data-testid=connection-never]"));
        Assert.Single(page.FindAll("[data-testid=score-none]"));
        Assert.Single(page.FindAll("[data-testid=trend-empty]"));
    }
}
