using Bunit;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Demo;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Demo;

/// <summary>
/// The first-run banner of the seeded demo history: every role sees what it is and the command that removes it, only an
/// Admin gets the button (which removes the history and nothing else), and a dismissal in this browser (localStorage) hides it.
/// </summary>
public sealed class DemoHistoryBannerTests : IAsyncLifetime
{
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        await using var db = DashboardSeeder.Context(_database.ConnectionString);
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Render_Viewer_NamesTheHistoryAndTheCommand_WithoutTheRemoveButton()
    {
        await AddClusterAsync("prod-eu", ConnectionType.DemoHistory);
        await AddClusterAsync("staging", ConnectionType.DemoHistory);
        await using var ctx = Context(Roles.Viewer);

        var banner = ctx.Render<DemoHistoryBanner>();

        banner.WaitForAssertion(() => Assert.Contains("prod-eu, staging", banner.Find("[data-testid=demo-history-banner]").TextContent));
        Assert.Contains("DELETE", banner.Markup);
        Assert.Contains("/api/v1/demo/history", banner.Markup);
        Assert.Empty(banner.FindAll("[data-testid=demo-history-remove]"));
    }

    [Fact]
    public async Task Render_DismissedInThisBrowser_StaysHidden()
    {
        await AddClusterAsync("prod-us", ConnectionType.DemoHistory);
        await using var ctx = Context(Roles.Viewer);
        ctx.JSInterop.Setup<string?>("localStorage.getItem", "kubeadvisor.demo-history-banner").SetResult("dismissed");

        var banner = ctx.Render<DemoHistoryBanner>();

        // Its second render follows the read of localStorage and the role: what it shows then is its decision.
        banner.WaitForAssertion(() => Assert.True(banner.RenderCount >= 2));
        Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "localStorage.getItem");
        Assert.Empty(banner.FindAll("[data-testid=demo-history-banner]"));
    }

    [Fact]
    public async Task RemoveButton_Admin_DeletesTheHistoryAndKeepsTheLiveCluster()
    {
        await AddClusterAsync("prod-eu", ConnectionType.DemoHistory);
        await AddClusterAsync("demo", ConnectionType.Kubeconfig);
        await using var ctx = Context(Roles.Admin);

        var banner = ctx.Render<DemoHistoryBanner>();
        banner.WaitForElement("[data-testid=demo-history-remove]").Click();

        await Eventually.UntilAsync(async () =>
        {
            await using var db = DashboardSeeder.Context(_database.ConnectionString);
            return !await db.Clusters.AnyAsync(c => c.ConnectionType == ConnectionType.DemoHistory);
        }, TimeSpan.FromSeconds(15), () => "the demo history removed");
        await using var check = DashboardSeeder.Context(_database.ConnectionString);
        Assert.Equal(["demo"], await check.Clusters.Select(c => c.Name).ToListAsync());
        Assert.True(await check.AuditEntries.AnyAsync(a => a.Target == "prod-eu"));
    }

    private DashboardTestContext Context(string role) =>
        new(_database.ConnectionString, role, services => services.AddScoped<DemoHistory>());

    private async Task AddClusterAsync(string name, ConnectionType type)
    {
        await using var db = DashboardSeeder.Context(_database.ConnectionString);
        db.Clusters.Add(new Cluster { Id = Guid.NewGuid(), Name = name, ConnectionType = type, IsDemo = type == ConnectionType.DemoHistory, CreatedAt = DashboardFixture.Now });
        await db.SaveChangesAsync();
    }
}
