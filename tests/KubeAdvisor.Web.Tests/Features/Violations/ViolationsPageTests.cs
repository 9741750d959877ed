using Bunit;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Violations;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Violations;

[Collection(DashboardCollection.Name)]
public sealed class ViolationsPageTests(DashboardFixture fx)
{
    [Fact]
    public async Task Render_Seeded_ListsOpenFindingsMostSevereFirst()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ViolationsPage>();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=violations-table] tbody tr").Count));
        Assert.DoesNotContain("Old finding.", page.Markup); // resolved
        Assert.Contains("high", page.Find("[data-testid=violations-table] tbody tr").TextContent);
        Assert.Empty(page.FindAll("[data-testid=export-csv]"));
    }

    [Fact]
    public async Task Render_PolicyInQueryString_FiltersAndEngineerExportKeepsTheFilter()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Engineer);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/violations?policy=image-tag-missing");

        var page = ctx.Render<ViolationsPage>();

        // The loading row is a single row too: wait for the loaded one.
        page.WaitForAssertion(() => Assert.Contains("api", Assert.Single(page.FindAll("[data-testid=violations-table] tbody tr")).TextContent));
        Assert.Equal("/violations/export.csv?policy=image-tag-missing", page.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task Render_NoMatch_SaysHowToClear()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/violations?q=does-not-exist");

        var page = ctx.Render<ViolationsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=violations-none-match]"));
    }

    [Fact]
    public async Task PageAsync_Filters_CombineAndPageInTheDatabase()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);
        var queries = ctx.Services.GetRequiredService<FindingsQueries>();

        var all = await queries.PageAsync(new FindingsFilter(), 0, 2, null, true);
        var web = await queries.PageAsync(new FindingsFilter(Cluster: fx.Seed.ProdId, Kind: "Deployment", Text: "WEB"), 0, 50, "policy", false);
        var medium = await queries.PageAsync(FindingsFilter.From(null, "billing", null, "medium", null, null), 0, 50, null, true);

        Assert.Equal(4, all.Total);
        Assert.Equal(2, all.Rows.Count);
        Assert.All(all.Rows, r => Assert.Equal(Severity.High, r.Severity));
        Assert.Equal(["image-digest-required", "image-tag-latest"], web.Rows.Select(r => r.PolicyId));
        Assert.Equal("prod", web.Rows[0].ClusterName);
        Assert.Equal("image-pull-policy-mutable", Assert.Single(medium.Rows).PolicyId);
    }

    [Fact]
    public async Task PageAsync_TextWithLikeWildcards_MatchesThemLiterally()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);
        var queries = ctx.Services.GetRequiredService<FindingsQueries>();

        var underscore = await queries.PageAsync(new FindingsFilter(Text: "w_b"), 0, 50, null, true);
        var percent = await queries.PageAsync(new FindingsFilter(Text: "w%b"), 0, 50, null, true);
        var plain = await queries.PageAsync(new FindingsFilter(Text: "web"), 0, 50, null, true);

        Assert.Equal(0, underscore.Total);
        Assert.Equal(0, percent.Total);
        Assert.True(plain.Total > 0);
    }

    [Fact]
    public async Task Render_SortInQueryString_OrdersTheTableAndKeepsTheUrl()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/violations?sort=workload&dir=desc");
        var expected = (await ctx.Services.GetRequiredService<FindingsQueries>().PageAsync(new FindingsFilter(), 0, 50, "workload", true))
            .Rows.Select(r => r.WorkloadName).ToList();

        var page = ctx.Render<ViolationsPage>();

        page.WaitForAssertion(() => Assert.Equal(expected, WorkloadColumn(page)));
        Assert.NotEqual(expected, expected.Order(StringComparer.Ordinal).ToList()); // the seed makes descending differ from ascending
        Assert.EndsWith("/violations?sort=workload&dir=desc", nav.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ClickingASortHeader_PutsTheOrderIntoTheUrl_AndAFilterKeepsIt()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/violations");
        var page = ctx.Render<ViolationsPage>();
        page.WaitForAssertion(() => Assert.Equal(4, WorkloadColumn(page).Count));

        page.FindAll("[data-testid=violations-table] thead .mud-table-sort-label").Single(l => l.TextContent.Contains("Namespace", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.EndsWith("/violations?sort=namespace&dir=asc", nav.Uri, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal(4, WorkloadColumn(page).Count));
        var search = page.Find("input[data-testid=filter-text]");
        search.Input("web");
        search.Blur(); // leaving the field commits without waiting for the debounce
        page.WaitForAssertion(() => Assert.Contains("q=web", nav.Uri, StringComparison.Ordinal));
        Assert.Contains("sort=namespace&dir=asc", nav.Uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "severity", true)]
    [InlineData("bogus", "asc", "severity", true)]
    [InlineData("namespace", null, "namespace", false)]
    [InlineData("firstSeen", "sideways", "firstSeen", true)]
    [InlineData("policy", "desc", "policy", true)]
    public void Sort_FromQueryValues_IgnoresWhatItDoesNotKnow(string? sort, string? dir, string label, bool descending)
    {
        Assert.Equal(new ViolationsSort(label, descending), ViolationsSort.From(sort, dir));
    }

    [Fact]
    public void Sort_Default_StaysOutOfTheUrl()
    {
        Assert.All(ViolationsSort.Default.ToQuery().Values, Assert.Null);
        Assert.Equal("asc", new ViolationsSort("namespace", false).ToQuery()["dir"]);
    }

    private static List<string> WorkloadColumn(IRenderedComponent<ViolationsPage> page) =>
        page.FindAll("[data-testid=violations-table] tbody tr td:nth-child(3) div a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public void Filter_FromBadQueryValues_IgnoresThem()
    {
        var filter = FindingsFilter.From("not-a-guid", " ", "p", "urgent", null, "  x ");

        Assert.Equal(new FindingsFilter(Policy: "p", Text: "x"), filter);
        Assert.Equal("policy=p&q=x", filter.ToQueryString());
    }
}
