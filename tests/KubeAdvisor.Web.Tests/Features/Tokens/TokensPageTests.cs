using Bunit;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Tokens;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Tokens;

/// <summary>The tokens page lists owner, role, expiry and last use; a creator who lost the Admin role gets a refusal.</summary>
public sealed class TokensPageTests : IAsyncLifetime
{
    private PostgresDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresDatabase.CreateAsync();
        await using var ctx = DashboardSeeder.Context(_db.ConnectionString);
        await ctx.Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private DashboardTestContext Context(string role) =>
        new(_db.ConnectionString, role, services => services.AddTransient<ApiTokenAdministration>());

    [Fact]
    public async Task Render_Admin_ShowsOwnerExpiryAndLastUsed()
    {
        await using var ctx = Context(Roles.Admin);
        await using (var db = DashboardSeeder.Context(_db.ConnectionString))
        {
            db.ApiTokens.Add(new ApiToken
            {
                Id = Guid.NewGuid(), Name = "ci-reader", Role = Roles.Viewer, TokenHash = new string('a', 64), Prefix = "ka_abcdefg",
                CreatedAt = DashboardFixture.Now.AddDays(-10), CreatedBy = DashboardTestContext.Email(Roles.Admin),
                OwnerUserId = DashboardTestContext.UserId(Roles.Admin), ExpiresAt = new DateTimeOffset(2027, 2, 18, 0, 0, 0, TimeSpan.Zero),
                LastUsedAt = new DateTimeOffset(2026, 11, 19, 8, 30, 0, TimeSpan.Zero),
            });
            await db.SaveChangesAsync();
        }

        var page = ctx.Render<TokensPage>();

        page.WaitForAssertion(() => Assert.Contains("ci-reader", page.Markup));
        var row = page.FindAll("tr").Single(r => r.TextContent.Contains("ci-reader", StringComparison.Ordinal)).TextContent;
        Assert.Contains(DashboardTestContext.Email(Roles.Admin), row);
        Assert.Contains("2027-02-18", row);
        Assert.Contains("2026-11-19 08:30", row);
        Assert.Contains("active", row);
    }

    [Fact]
    public async Task Create_CreatorIsNoLongerAdminInTheDatabase_ShowsRefusalAndCreatesNothing()
    {
        await using var ctx = Context(Roles.Admin);
        var page = ctx.Render<TokensPage>();
        page.WaitForAssertion(() => Assert.Contains("No tokens yet", page.Markup));
        await using (var db = DashboardSeeder.Context(_db.ConnectionString))
        {
            var viewerRole = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.Viewer)
                ?? db.Roles.Add(new Microsoft.AspNetCore.Identity.IdentityRole(Roles.Viewer) { NormalizedName = "VIEWER" }).Entity;
            db.UserRoles.RemoveRange(db.UserRoles.Where(ur => ur.UserId == DashboardTestContext.UserId(Roles.Admin)));
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = DashboardTestContext.UserId(Roles.Admin), RoleId = viewerRole.Id });
            await db.SaveChangesAsync();
        }

        await page.Find("button[data-testid=create-token]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        page.WaitForAssertion(() => Assert.Contains(AccessGuard.NotAllowed, page.Find("[data-testid=tokens-error]").TextContent));
        await using var check = DashboardSeeder.Context(_db.ConnectionString);
        Assert.False(await check.ApiTokens.AnyAsync());
    }
}
