using Bunit;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Web.Features.Teams;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Teams;

/// <summary>
/// The team page and the teams list from seeded rows (see <see cref="TeamsUiFixture"/>): a score only over the namespaces
/// a team owns wholly, said in words; open findings by policy; worst workloads by severity weight; this week; members.
/// </summary>
[Collection(TeamsUiCollection.Name)]
public sealed class TeamPageTests(TeamsUiFixture fx)
{
    [Fact]
    public async Task Render_Storefront_ShowsTheNumbersOfItsRows()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);

        var page = ctx.Render<TeamPage>(p => p.Add(x => x.Id, fx.Storefront));

        page.WaitForAssertion(() => Assert.Equal("storefront", page.Find("[data-testid=team-name]").TextContent));
        // shop is storefront's alone: its namespace sample pools 12 passed / 4 failed weight = 75 (C); billing is shared.
        Assert.Contains("75 · C", page.Find("[data-testid=team-score]").TextContent);
        Assert.Equal("Pooled over the 1 namespace(s) the team owns wholly (1 of its 2 workload(s)); 1 namespace(s) shared with other owners are not scored.",
            page.Find("[data-testid=team-score-scope]").TextContent);
        Assert.Matches(@"1\s+of\s+2\s+workload\(s\) without an open high or critical finding", page.Find("[data-testid=team-clean]").TextContent);
        // web's three findings were first seen 3 days ago (one resolved yesterday).
        Assert.Matches(@"3\s+findings introduced,\s+1\s+fixed", page.Find("[data-testid=team-week]").TextContent);
        Assert.Equal(["image-tag-latest", "image-digest-required"], page.FindAll("[data-testid=policy-row]").Select(r => r.GetAttribute("data-policy")));
        Assert.All(page.FindAll("[data-testid=policy-open]"), c => Assert.Equal("1", c.TextContent));
        var worst = Assert.Single(page.FindAll("[data-testid=worst-row]"));
        Assert.Equal("web", worst.GetAttribute("data-workload"));
        Assert.Equal("4", worst.QuerySelector("[data-testid=worst-weight]")!.TextContent); // high 3 + low 1
        Assert.Equal($"/clusters/{fx.Seed.ProdId}/workloads/{fx.Seed.WebWorkloadId}", worst.QuerySelector("[data-testid=worst-link]")!.GetAttribute("href"));
        Assert.Equal([DashboardTestContext.Email(Roles.Viewer)], page.FindAll("[data-testid=team-member]").Select(m => m.TextContent));
        Assert.Equal($"/violations?team={fx.Storefront}", page.Find("[data-testid=team-violations]").GetAttribute("href"));
        Assert.Contains("2 open findings", page.Find("[data-testid=team-violations]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=trend-chart]"));
    }

    [Fact]
    public async Task Render_TeamSharingEachOfItsNamespaces_HasNoScoreAndSaysWhy()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);

        var page = ctx.Render<TeamPage>(p => p.Add(x => x.Id, fx.Payments));

        page.WaitForAssertion(() => Assert.Equal("payments", page.Find("[data-testid=team-name]").TextContent));
        Assert.NotNull(page.Find("[data-testid=team-score] [data-testid=score-none]"));
        Assert.Contains("shares each of its 1 namespace(s) with other owners", page.Find("[data-testid=team-score-scope]").TextContent);
        Assert.Matches(@"0\s+of\s+1\s+workload", page.Find("[data-testid=team-clean]").TextContent); // api has an open high finding
        Assert.Equal("api", Assert.Single(page.FindAll("[data-testid=worst-row]")).GetAttribute("data-workload"));
        Assert.Equal("5", page.Find("[data-testid=worst-weight]").TextContent); // high 3 + medium 2
        Assert.NotNull(page.Find("[data-testid=trend-empty]"));
    }

    [Fact]
    public async Task LoadAsync_Trend_PoolsTheScoredNamespacesPerDayPerScan()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);

        var team = await ctx.Services.GetRequiredService<TeamPageQueries>().LoadAsync(fx.Storefront);

        Assert.Equal(new TeamScore(75, Grade.C, 1, 1, 1), team!.Score);
        // Yesterday 10 passed / 0 failed in one scan; today 24 / 8 over two scans (12 / 4 per scan).
        Assert.Equal([100d, 75d], team.Trend.Select(p => p.Score));
        Assert.Equal([DashboardFixture.Now.UtcDateTime.Date.AddDays(-1), DashboardFixture.Now.UtcDateTime.Date], team.Trend.Select(p => p.At.UtcDateTime));
        Assert.Null(await ctx.Services.GetRequiredService<TeamPageQueries>().LoadAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Render_UnknownTeam_SaysSo()
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);

        var page = ctx.Render<TeamPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Contains("no such team", page.Find("[data-testid=team-not-found]").TextContent));
    }

    [Fact]
    public async Task TeamsPage_ListsEachTeamsWorkloadsAndOpenFindings_AdminsGetTheManageLink()
    {
        await using var viewer = new DashboardTestContext(fx.ConnectionString, Roles.Viewer);
        await using var admin = new DashboardTestContext(fx.ConnectionString, Roles.Admin);

        var page = viewer.Render<TeamsPage>();
        var adminPage = admin.Render<TeamsPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=team-link]")));
        var storefront = page.FindAll("[data-testid=teams-table] tbody tr").Single(r => r.QuerySelector("[data-testid=team-link]")!.TextContent == "storefront");
        Assert.Equal("2", storefront.QuerySelector("[data-testid=team-workloads]")!.TextContent);
        Assert.Equal("2", storefront.QuerySelector("[data-testid=team-open]")!.TextContent);
        Assert.Equal($"/violations?team={fx.Storefront}", storefront.QuerySelector("[data-testid=team-open]")!.GetAttribute("href"));
        Assert.Contains("1 open finding(s)", page.Find("[data-testid=teams-unowned]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=teams-manage]"));
        adminPage.WaitForAssertion(() => Assert.Equal(TeamsAdminPage.Path, adminPage.Find("[data-testid=teams-manage]").GetAttribute("href")));
    }
}
