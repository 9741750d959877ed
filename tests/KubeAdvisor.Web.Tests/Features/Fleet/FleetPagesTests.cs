using Bunit;
using KubeAdvisor.Web.Features.Fleet;
using KubeAdvisor.Web.Features.Overview;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Fleet;

/// <summary>The fleet table on the Clusters page and the Overview (bUnit, real PostgreSQL seeded by FleetSeeder).</summary>
[Collection(FleetCollection.Name)]
public sealed class FleetPagesTests(FleetFixture fx)
{
    [Fact]
    public async Task ClustersPage_WorstFirstWithChangeLabelsAndSparkline()
    {
        await using var ctx = new DashboardTestContext(fx.Database.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClustersPage>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=fleet-row]").Count));
        var rows = page.FindAll("[data-testid=fleet-row]");
        Assert.Equal(["alpha", "charlie", "bravo", "delta"], rows.Select(r => r.GetAttribute("data-cluster")));
        Assert.Equal("-10", rows[0].QuerySelector("[data-testid=fleet-change]")!.TextContent.Trim());
        Assert.Equal("+10", rows[2].QuerySelector("[data-testid=fleet-change]")!.TextContent.Trim());
        Assert.Equal("–", rows[1].QuerySelector("[data-testid=fleet-change]")!.TextContent.Trim());
        Assert.Contains("60 · D", rows[0].QuerySelector("[data-testid=fleet-score]")!.TextContent);
        Assert.Contains("1 critical", rows[0].TextContent);
        Assert.Contains("2 high", rows[0].TextContent);
        Assert.Contains("last scan failed", rows[1].QuerySelector("[data-testid=fleet-connection]")!.TextContent);
        Assert.Contains("not scanned yet", rows[3].QuerySelector("[data-testid=fleet-connection]")!.TextContent);
        Assert.Equal(["env=prod", "region=eu"], rows[0].QuerySelectorAll("[data-testid=fleet-label]").Select(l => l.TextContent.Trim()));
        Assert.NotNull(rows[0].QuerySelector("svg[data-testid=sparkline] polyline"));
        // The active sort's header flips it; another header sorts worst first.
        Assert.Equal("/clusters?dir=desc", page.Find("[data-testid=sort-score]").GetAttribute("href"));
        Assert.Equal("/clusters?sort=findings&dir=desc", page.Find("[data-testid=sort-findings]").GetAttribute("href"));
    }

    [Fact]
    public async Task ClustersPage_QueryString_SortsAndFilters()
    {
        await using var ctx = new DashboardTestContext(fx.Database.ConnectionString, Roles.Viewer);
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/clusters?sort=name&dir=desc&label=env%3Dprod");

        var page = ctx.Render<ClustersPage>();

        page.WaitForAssertion(() => Assert.Equal(["bravo", "alpha"], page.FindAll("[data-testid=fleet-row]").Select(r => r.GetAttribute("data-cluster"))));
    }

    [Fact]
    public async Task ClustersPage_GarbageQueryString_ShowsTheDefaultView()
    {
        await using var ctx = new DashboardTestContext(fx.Database.ConnectionString, Roles.Viewer);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/clusters?sort=%00%27;drop&dir=up&grade=Q&label=%3D%3D%3D&q=" + new string('x', 300));

        var page = ctx.Render<ClustersPage>();

        page.WaitForAssertion(() => Assert.Equal(["alpha", "charlie", "bravo", "delta"], page.FindAll("[data-testid=fleet-row]").Select(r => r.GetAttribute("data-cluster"))));
    }

    [Fact]
    public async Task Overview_GroupByEnv_ShowsGroupScoresAndWorstClusters()
    {
        await using var ctx = new DashboardTestContext(fx.Database.ConnectionString, Roles.Viewer);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/?group=env");

        var page = ctx.Render<OverviewPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=fleet-group]").Count));
        var groups = page.FindAll("[data-testid=fleet-group]");
        Assert.Equal(["prod", "staging", ""], groups.Select(g => g.GetAttribute("data-group")));
        Assert.Contains("80 · B", groups[0].QuerySelector("[data-testid=fleet-group-score]")!.TextContent);
        Assert.Contains("alpha (60)", groups[0].QuerySelector("[data-testid=fleet-group-worst]")!.TextContent);
        Assert.Equal(4, page.FindAll("[data-testid=fleet-row]").Count);
        Assert.Contains("/?group=env&days=7", page.Find("[data-testid=days-7]").GetAttribute("href"));
    }

    [Fact]
    public async Task FleetTable_Limit_RendersTheFirstRowsAndAShowAllLink()
    {
        await using var ctx = new DashboardTestContext(fx.Database.ConnectionString, Roles.Viewer);
        var view = FleetView.Parse(null, null, null, "env", null, null);
        var rows = view.Apply(await ctx.Services.GetRequiredService<FleetQueries>().LoadAsync());

        var table = ctx.Render<FleetTable>(p => p.Add(t => t.Rows, rows).Add(t => t.View, view).Add(t => t.BasePath, "/clusters").Add(t => t.Limit, 2));

        Assert.Equal(["alpha", "charlie"], table.FindAll("[data-testid=fleet-row]").Select(r => r.GetAttribute("data-cluster")));
        Assert.Contains("The first 2 of 3 clusters", table.Find("[data-testid=fleet-more]").TextContent);
        Assert.Equal("/clusters?label=env&all=1", table.Find("[data-testid=fleet-show-all]").GetAttribute("href"));
        Assert.Null(FleetTable.LimitFor("1"));
        Assert.Equal(FleetTable.DefaultLimit, FleetTable.LimitFor("yes"));
    }
}
