using Bunit;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Overview;
using KubeAdvisor.Web.Features.Violations;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Teams;

/// <summary>
/// team= on the Violations page (a team, unowned, "My teams" for the signed-in user) with its export link and keyset
/// paging, and the Overview's unowned count (Admins) and "My teams" panel, from the rows of <see cref="TeamsUiFixture"/>.
/// </summary>
[Collection(TeamsUiCollection.Name)]
public sealed class TeamFiltersTests(TeamsUiFixture fx)
{
    [Fact]
    public async Task Violations_TeamUnowned_ListsOnlyUnownedFindings_AndTheExportKeepsTheFilter()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Engineer);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/violations?team=unowned");

        var page = ctx.Render<ViolationsPage>();

        page.WaitForAssertion(() => Assert.Contains("old", Assert.Single(Rows(page)).TextContent));
        Assert.Equal("unowned", page.Find("[data-testid=finding-team]").TextContent.Trim());
        Assert.Equal("/violations/export.csv?team=unowned", page.Find("[data-testid=export-csv]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=filter-my-teams]")); // the Engineer is in no team
    }

    [Fact]
    public async Task Violations_MyTeams_ShowsOnlyTheUsersTeams_AndTheSwitchTurnsItOff()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Viewer); // a member of storefront
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/violations?team=mine");

        var page = ctx.Render<ViolationsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, Rows(page).Count)); // web's two open findings
        Assert.All(page.FindAll("[data-testid=finding-team]"), t => Assert.Equal("storefront", t.TextContent.Trim()));
        Assert.Equal($"/teams/{fx.Storefront}", page.Find("[data-testid=finding-team] a").GetAttribute("href"));
        // The switch appears once the user's teams are loaded, which may come after the rows.
        var toggle = page.WaitForElement("[data-testid=filter-my-teams] input, input[data-testid=filter-my-teams]");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)toggle).IsChecked);

        toggle.Change(false);

        page.WaitForAssertion(() => Assert.DoesNotContain("team=", nav.Uri, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal(4 + 1, Rows(page).Count)); // every open finding: the seed's four and legacy/old
    }

    [Fact]
    public async Task Violations_MyTeamsOfAUserInNoTeam_SaysSoInsteadOfListingAnything()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Engineer);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/violations?team=mine");

        var page = ctx.Render<ViolationsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=violations-no-teams]"));
        Assert.NotNull(page.WaitForElement("[data-testid=filter-my-teams]")); // shown while on, so it can be turned off
    }

    [Fact]
    public async Task KeysetPager_MyTeams_ReadsTheNextPageByKeyset_TheSameRowsAsByOffset()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);
        var queries = ctx.Services.GetRequiredService<FindingsQueries>();
        var pager = new KeysetPager(queries);
        var mine = new FindingsFilter(Team: FindingsFilter.Mine);

        var first = await pager.LoadAsync(mine.WithTeams([fx.Storefront]), null, true, 0, 1, default);
        var second = await pager.LoadAsync(mine.WithTeams([fx.Storefront]), null, true, 1, 1, default);
        var byOffset = await queries.PageAsync(new FindingsFilter(Team: fx.Storefront.ToString()), 0, 10);

        Assert.True(pager.LastWasKeyset);
        Assert.Equal(byOffset.Rows.Select(r => r.Id), first.Rows.Concat(second.Rows).Select(r => r.Id));
        Assert.Equal(2, second.Total);
    }

    [Fact]
    public async Task PageAsync_TeamValues_SeveralTeamsAnyOf_UnresolvedMineMatchesNothing()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);
        var queries = ctx.Services.GetRequiredService<FindingsQueries>();

        var both = await queries.PageAsync(new FindingsFilter(Team: $"{fx.Payments},{fx.Storefront}"), 0, 50);
        var unresolved = await queries.PageAsync(new FindingsFilter(Team: FindingsFilter.Mine), 0, 50);
        var unowned = await queries.PageAsync(new FindingsFilter(Team: FindingsFilter.Unowned), 0, 50);

        Assert.Equal(4, both.Total);
        Assert.Equal(["payments", "storefront"], both.Rows.Select(r => r.TeamName).Distinct().Order());
        Assert.Equal(0, unresolved.Total);
        Assert.Equal((fx.OldId, (string?)null), (Assert.Single(unowned.Rows).WorkloadId, unowned.Rows[0].TeamName));
    }

    [Fact]
    public void Filter_TeamValues_AreCheckedAndMineResolvesToOneCanonicalForm()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var mine = FindingsFilter.From(null, null, null, null, null, null, "mine");

        Assert.Equal(mine.WithTeams([b, a, b]), mine.WithTeams([a, b])); // equal sets give equal filters (keyset paging)
        Assert.Equal(new[] { a, b }.Order(), mine.WithTeams([b, a]).TeamIds);
        Assert.Equal(mine, mine.WithTeams([])); // no teams: "mine" stays and matches nothing
        Assert.Null(FindingsFilter.From(null, null, null, null, null, null, "payments").Team);
        Assert.Null(FindingsFilter.From(null, null, null, null, null, null, $"{a},nope").Team);
        Assert.True(FindingsFilter.IsTeam($"{a}, {b}"));
        Assert.False(FindingsFilter.IsTeam(string.Join(',', Enumerable.Range(0, FindingsFilter.MaxTeams + 1).Select(_ => Guid.NewGuid()))));
        Assert.Equal("team=unowned", new FindingsFilter(Team: FindingsFilter.Unowned).ToQueryString());
    }

    [Fact]
    public async Task Overview_AdminSeesTheUnownedCount_OthersDoNot()
    {
        await using var admin = new DashboardTestContext(fx.ConnectionString, Roles.Admin);
        await using var viewer = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);

        var adminPage = admin.Render<OverviewPage>();
        var viewerPage = viewer.Render<OverviewPage>();

        adminPage.WaitForAssertion(() => Assert.Matches(@"^\s*1\s+open finding\(s\)", adminPage.Find("[data-testid=overview-unowned] a").TextContent));
        Assert.Equal("/violations?team=unowned", adminPage.Find("[data-testid=overview-unowned] a").GetAttribute("href"));
        viewerPage.WaitForAssertion(() => Assert.NotEmpty(viewerPage.FindAll("[data-testid=fleet-row]")));
        Assert.Empty(viewerPage.FindAll("[data-testid=overview-unowned]"));
    }

    [Fact]
    public async Task Overview_MyTeams_ListsTheUsersTeamsWithTheirOpenFindings()
    {
        await using var viewer = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);
        await using var engineer = new DashboardTestContext(fx.ConnectionString, Roles.Engineer);
        var nav = viewer.Services.GetRequiredService<NavigationManager>();
        var off = viewer.Render<OverviewPage>();
        off.WaitForAssertion(() => off.Find("[data-testid=overview-my-teams]"));
        Assert.Empty(off.FindAll("[data-testid=overview-mine]"));
        var noTeam = engineer.Render<OverviewPage>();
        noTeam.WaitForAssertion(() => Assert.NotEmpty(noTeam.FindAll("[data-testid=fleet-row]")));
        Assert.Empty(noTeam.FindAll("[data-testid=overview-my-teams]"));

        off.Find("[data-testid=overview-my-teams] input, input[data-testid=overview-my-teams]").Change(true);

        Assert.EndsWith("?team=mine", nav.Uri, StringComparison.Ordinal);
        var on = viewer.Render<OverviewPage>();
        on.WaitForAssertion(() => Assert.Equal("storefront", Assert.Single(on.FindAll("[data-testid=overview-mine-row]")).GetAttribute("data-team")));
        Assert.Equal("2 open finding(s)", on.Find("[data-testid=overview-mine-open]").TextContent.Trim());
        Assert.Equal("/violations?team=mine", on.Find("[data-testid=overview-mine-all]").GetAttribute("href"));
    }

    private static List<AngleSharp.Dom.IElement> Rows(IRenderedComponent<ViolationsPage> page) =>
        [.. page.FindAll("[data-testid=violations-table] tbody tr").Where(r => r.QuerySelector("[data-testid=finding-team]") is not null)];
}
