using System.Security.Claims;
using Bunit;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Agents;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KubeAdvisor.Web.Tests.Features.Agents;

/// <summary>The agent status page (Admin): state, versions, a token rotation shown once; the service refuses others.</summary>
public sealed class AgentPageTests : IAsyncLifetime
{
    private PostgresDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresDatabase.CreateAsync();
        await using var ctx = DashboardSeeder.Context(_db.ConnectionString);
        await ctx.Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static ClaimsPrincipal As(string role) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, DashboardTestContext.UserId(role)), new Claim(ClaimTypes.Name, DashboardTestContext.Email(role)), new Claim(ClaimTypes.Role, role)],
            "test"));

    private DashboardTestContext Context(string role)
    {
        var ctx = new DashboardTestContext(_db.ConnectionString, role, services =>
        {
            services.AddTransient<AgentConnections>();
            services.AddSingleton(Options.Create(new AgentIngestionOptions()));
        });
        return ctx;
    }

    [Fact]
    public async Task Render_Admin_ShowsNeverConnectedAndRotatesTheTokenOnce()
    {
        await using var ctx = Context(Roles.Admin);
        var agents = ctx.Services.GetRequiredService<AgentConnections>();
        var created = await agents.CreateAsync(As(Roles.Admin), "edge-" + Guid.NewGuid().ToString("N")[..6], null, CancellationToken.None);
        Assert.True(created.Succeeded);

        var page = ctx.Render<AgentPage>(p => p.Add(x => x.ClusterId, created.ClusterId!.Value));
        page.WaitForAssertion(() => Assert.Contains("never", page.Find("[data-testid=agent-state]").TextContent, StringComparison.OrdinalIgnoreCase));
        await page.Find("[data-testid=agent-rotate]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("ka_", page.Find("[data-testid=agent-rotate-commands]").TextContent));
        Assert.DoesNotContain(created.Token!, page.Find("[data-testid=agent-rotate-commands]").TextContent);
    }

    [Fact]
    public async Task Rotate_ViewerOrEngineer_IsRefusedByTheService()
    {
        await using var ctx = Context(Roles.Admin);
        var agents = ctx.Services.GetRequiredService<AgentConnections>();
        var created = await agents.CreateAsync(As(Roles.Admin), "edge-" + Guid.NewGuid().ToString("N")[..6], null, CancellationToken.None);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => agents.RotateAsync(As(Roles.Viewer), created.ClusterId!.Value, CancellationToken.None));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => agents.CreateAsync(As(Roles.Engineer), "nope", null, CancellationToken.None));
    }
}
