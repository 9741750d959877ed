using AngleSharp.Dom;
using Bunit;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Teams;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace KubeAdvisor.Web.Tests.Features.Teams;

/// <summary>
/// /settings/teams from stored rows: an Admin creates a team, adds a member, adds rules and reorders them, and deletes
/// the team; others get no action; every click goes through TeamAdministration with the circuit's user, so a tab whose
/// Admin was demoted gets a refusal and nothing changes.
/// </summary>
[Collection(TeamsUiCollection.Name)]
public sealed class TeamsAdminPageTests(TeamsUiFixture fx)
{
    [Fact]
    public async Task Admin_CreatesTeam_AddsMember_AddsRules_ReordersThem_AndDeletesTheTeam()
    {
        var name = "checkout-" + Guid.NewGuid().ToString("N")[..6];
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Admin);
        var page = ctx.Render<TeamsAdminPage>();
        page.WaitForAssertion(() => Assert.Contains("1", page.Find("[data-testid=unowned-count]").TextContent)); // legacy/old
        Assert.Equal("/violations?team=unowned", page.Find("[data-testid=unowned-count] a").GetAttribute("href"));

        // A team.
        page.Find("[data-testid=new-team-name] input, input[data-testid=new-team-name]").Input(name);
        await page.Find("[data-testid=create-team]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains($"Team {name} created", Message(page)));
        var team = await TeamAsync(name);
        Assert.NotNull(team);
        Assert.Equal(1, await AuditCountAsync(AuditActions.TeamCreated, name));

        // A member, chosen from the users list.
        await Actions(page, name).QuerySelector("[data-testid=team-members-edit]")!.ClickAsync(new MouseEventArgs());
        var select = page.FindComponent<MembersEditor>().FindComponent<MudSelect<string>>();
        await select.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(DashboardTestContext.Email(Roles.Admin)));
        await page.Find("[data-testid=member-add]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains($"{name} has 1 member(s).", Message(page)));
        Assert.Equal([DashboardTestContext.UserId(Roles.Admin)], await MembersAsync(team!.Value));
        Assert.Equal(DashboardTestContext.Email(Roles.Admin), page.Find("[data-testid=member-chip]").GetAttribute("data-member"));

        // Two rules: the new team starts selected; the second on one cluster by a workload label.
        await page.Find("[data-testid=rule-new]").ClickAsync(new MouseEventArgs());
        page.Find("[data-testid=rule-namespaces] input, input[data-testid=rule-namespaces]").Change($"{name}-a, {name}-b*");
        await page.Find("[data-testid=rule-save]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("Rule added", Message(page)));
        await page.Find("[data-testid=rule-new]").ClickAsync(new MouseEventArgs());
        var cluster = page.FindComponent<RuleForm>().FindComponent<MudSelect<Guid>>();
        await cluster.InvokeAsync(() => cluster.Instance.ValueChanged.InvokeAsync(fx.Seed.ProdId));
        page.Find("[data-testid=rule-workload-key] input, input[data-testid=rule-workload-key]").Change("app");
        page.Find("[data-testid=rule-workload-value] input, input[data-testid=rule-workload-value]").Change("shop*");
        await page.Find("[data-testid=rule-save]").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Equal(2, RuleRows(page, name).Count));

        var rules = await RulesAsync(team.Value);
        Assert.Equal([$"{name}-a", $"{name}-b*"], rules[0].Namespaces);
        Assert.Equal(((Guid?)null, (string?)null), (rules[0].ClusterId, rules[0].WorkloadKey));
        Assert.Equal(((Guid?)fx.Seed.ProdId, "app", "shop*"), (rules[1].ClusterId, rules[1].WorkloadKey, rules[1].WorkloadValue));
        Assert.Contains("all clusters", RuleRows(page, name)[0].TextContent);
        Assert.Contains("app=shop*", RuleRows(page, name)[1].TextContent);

        // The second moves above the first: the order is stored, audited once, and the owners are re-resolved.
        var jobsBefore = ctx.Jobs.Created.Count;
        await RuleRows(page, name)[1].QuerySelector("[data-testid=rule-up]")!.ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains("Rule moved up.", Message(page)));
        var moved = await RulesAsync(team.Value);
        Assert.Equal([rules[1].Id, rules[0].Id], moved.Select(r => r.Id));
        Assert.True(moved[0].Position < moved[1].Position);
        Assert.Contains("app=shop*", RuleRows(page, name)[0].TextContent);
        Assert.Equal(1, await AuditCountAsync(AuditActions.OwnershipRuleChanged, rules[1].Id.ToString()));
        Assert.Single(ctx.Jobs.Created.Skip(jobsBefore), j => j.Type == typeof(OwnershipResolutionJob));

        // Deleting asks once more, then removes the team with its rules.
        await Actions(page, name).QuerySelector("[data-testid=team-delete]")!.ClickAsync(new MouseEventArgs());
        await Actions(page, name).QuerySelector("[data-testid=team-delete-confirm]")!.ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.Contains($"Team {name} deleted", Message(page)));
        Assert.Null(await TeamAsync(name));
        Assert.Empty(await RulesAsync(team.Value));
        Assert.Empty(RuleRows(page, name));
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Engineer)]
    public async Task NonAdmin_GetsNoAdminAction(string role)
    {
        await using var ctx = new DashboardTestContext(fx.ConnectionString, role);

        var admin = ctx.Render<TeamsAdminPage>();
        var list = ctx.Render<TeamsPage>();
        var team = ctx.Render<TeamPage>(p => p.Add(x => x.Id, fx.Storefront));

        admin.WaitForAssertion(() => admin.Find("[data-testid=teams-admin-refused]"));
        Assert.Empty(admin.FindAll("[data-testid=create-team], [data-testid=rule-new], [data-testid=team-delete], [data-testid=rule-up]"));
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("[data-testid=team-link]")));
        Assert.Empty(list.FindAll("[data-testid=teams-manage]"));
        team.WaitForAssertion(() => team.Find("[data-testid=team-name]"));
        Assert.Empty(team.FindAll("button[data-testid^=team-delete], [data-testid=member-add]"));
    }

    [Fact]
    public async Task Admin_DemotedAfterTheTabOpened_IsRefusedAndNothingChanges()
    {
        var name = "stale-" + Guid.NewGuid().ToString("N")[..6];
        await using var ctx = new DashboardTestContext(fx.ConnectionString, Roles.Admin);
        var page = ctx.Render<TeamsAdminPage>();
        page.WaitForAssertion(() => Assert.NotNull(Actions(page, "payments")));
        await fx.SetRoleAsync(DashboardTestContext.UserId(Roles.Admin), Roles.Viewer);
        try
        {
            page.Find("[data-testid=new-team-name] input, input[data-testid=new-team-name]").Input(name);
            await page.Find("[data-testid=create-team]").ClickAsync(new MouseEventArgs());
            page.WaitForAssertion(() => Assert.Contains(AccessGuard.NotAllowed, Message(page)));

            await Actions(page, "payments").QuerySelector("[data-testid=team-delete]")!.ClickAsync(new MouseEventArgs());
            await Actions(page, "payments").QuerySelector("[data-testid=team-delete-confirm]")!.ClickAsync(new MouseEventArgs());
            page.WaitForAssertion(() => Assert.Contains(AccessGuard.NotAllowed, Message(page)));

            Assert.Null(await TeamAsync(name));
            Assert.Equal(fx.Payments, await TeamAsync("payments"));
            Assert.Equal(0, await AuditCountAsync(AuditActions.TeamCreated, name));
            Assert.Equal(0, await AuditCountAsync(AuditActions.TeamDeleted, "payments"));
            Assert.Empty(ctx.Jobs.Created);
        }
        finally
        {
            await fx.SetRoleAsync(DashboardTestContext.UserId(Roles.Admin), Roles.Admin);
        }
    }

    private static string Message(IRenderedComponent<TeamsAdminPage> page) =>
        page.FindAll("[data-testid=teams-admin-message]").SingleOrDefault()?.TextContent ?? "";

    private static IElement Actions(IRenderedComponent<TeamsAdminPage> page, string team) =>
        page.FindAll("[data-testid=team-actions]").Single(e => e.GetAttribute("data-team") == team);

    private static List<IElement> RuleRows(IRenderedComponent<TeamsAdminPage> page, string team) =>
        [.. page.FindAll("[data-testid=rules-table] tbody tr").Where(r => r.QuerySelector("[data-testid=rule-team-name]")?.TextContent == team)];

    private async Task<Guid?> TeamAsync(string name)
    {
        await using var db = DashboardSeeder.Context(fx.ConnectionString);
        return await db.Teams.Where(t => t.Name == name).Select(t => (Guid?)t.Id).SingleOrDefaultAsync();
    }

    private async Task<List<string>> MembersAsync(Guid team)
    {
        await using var db = DashboardSeeder.Context(fx.ConnectionString);
        return await db.TeamMembers.Where(m => m.TeamId == team).Select(m => m.UserId).ToListAsync();
    }

    private async Task<List<Data.Entities.OwnershipRuleRecord>> RulesAsync(Guid team)
    {
        await using var db = DashboardSeeder.Context(fx.ConnectionString);
        return await db.OwnershipRules.AsNoTracking().Where(r => r.TeamId == team).OrderBy(r => r.Position).ThenBy(r => r.CreatedAt).ToListAsync();
    }

    private async Task<int> AuditCountAsync(string action, string target)
    {
        await using var db = DashboardSeeder.Context(fx.ConnectionString);
        return await db.AuditEntries.CountAsync(a => a.Action == action && a.Target == target);
    }
}
