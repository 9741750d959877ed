using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Tokens;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Tokens;

[Collection(WebAppCollection.Name)]
public sealed class ApiTokenAdministrationTests(WebAppFixture fx)
{
    [Fact]
    public async Task Create_WithoutExpiryChoice_ExpiresIn90DaysAndIsOwnedByTheCreator()
    {
        var admin = await TestUsers.CreateAsync(fx.App, Roles.Admin);

        var token = await TestUsers.CreateTokenAsync(fx.App, admin.Principal, Roles.Engineer);

        Assert.NotNull(token.ExpiresAt);
        Assert.Equal(true, await fx.Database.ScalarAsync(
            $"SELECT \"ExpiresAt\" - \"CreatedAt\" = interval '90 days' AND \"OwnerUserId\" = '{admin.Id}' AND NOT \"IsSystem\" FROM api_tokens WHERE \"Id\" = '{token.Id}'"));
        Assert.Equal(0L, await fx.Database.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE \"Action\" = '{AuditActions.TokenNeverExpires}' AND \"Target\" = '{token.Name}'"));
    }

    [Fact]
    public async Task Create_NeverExpires_IsStoredWithoutExpiryAndAuditedAsSuch()
    {
        var admin = await TestUsers.CreateAsync(fx.App, Roles.Admin);

        var token = await TestUsers.CreateTokenAsync(fx.App, admin.Principal, Roles.Viewer, neverExpires: true);

        Assert.Null(token.ExpiresAt);
        Assert.Equal(DBNull.Value, await fx.Database.ScalarAsync($"SELECT \"ExpiresAt\" FROM api_tokens WHERE \"Id\" = '{token.Id}'"));
        Assert.Equal(admin.Email, await fx.Database.ScalarAsync(
            $"SELECT \"Actor\" FROM audit_entries WHERE \"Action\" = '{AuditActions.TokenNeverExpires}' AND \"Target\" = '{token.Name}'"));
        var created = (string?)await fx.Database.ScalarAsync(
            $"SELECT \"Details\" FROM audit_entries WHERE \"Action\" = '{AuditActions.TokenCreated}' AND \"Target\" = '{token.Name}'");
        Assert.Contains("expires never", created);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public async Task Create_ExpiryOutOfRange_IsRefused(int days)
    {
        var admin = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        using var scope = fx.App.Services.CreateScope();

        var (token, error) = await scope.ServiceProvider.GetRequiredService<ApiTokenAdministration>()
            .CreateAsync(admin.Principal, new ApiTokenAdministration.TokenRequest("bad-expiry", Roles.Viewer, days), CancellationToken.None);

        Assert.Null(token);
        Assert.Contains("365", error);
    }

    [Fact]
    public async Task List_ShowsOwnerExpiryAndLastUse()
    {
        var admin = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        var token = await TestUsers.CreateTokenAsync(fx.App, admin.Principal, Roles.Viewer, expiresInDays: 180);
        await fx.Database.ScalarAsync($"UPDATE api_tokens SET \"LastUsedAt\" = '2026-11-30T10:15:00Z' WHERE \"Id\" = '{token.Id}'");
        using var scope = fx.App.Services.CreateScope();

        var rows = await scope.ServiceProvider.GetRequiredService<ApiTokenAdministration>().ListAsync(admin.Principal, CancellationToken.None);

        var row = Assert.Single(rows, r => r.Id == token.Id);
        Assert.Equal(admin.Email, row.Owner);
        Assert.Equal(token.ExpiresAt!.Value, row.ExpiresAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 10, 15, 0, TimeSpan.Zero), row.LastUsedAt);
        Assert.Equal("active", row.Status);
        Assert.Equal("system", Assert.Single(rows, r => r.Name == "bootstrap").Owner);
    }
}
