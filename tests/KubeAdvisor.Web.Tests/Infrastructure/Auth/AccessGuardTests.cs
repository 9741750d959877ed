using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Tokens;
using KubeAdvisor.Web.Features.Users;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Infrastructure.Auth;

/// <summary>Privileged actions check the role in the database, not the principal captured when the tab connected.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AccessGuardTests(WebAppFixture fx)
{
    [Fact]
    public async Task EnsureAsync_AdminDemotedToViewerByAnotherAdmin_IsRefusedAtOnceInTheOpenTab()
    {
        var victim = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        var boss = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        using var tab = TestUsers.CircuitScope(fx.App, victim.Principal);
        var guard = tab.ServiceProvider.GetRequiredService<AccessGuard>();
        Assert.Equal(victim.Email, await guard.EnsureAsync(AuthPolicies.CanAdminister));

        using (var bossTab = TestUsers.CircuitScope(fx.App, boss.Principal))
        {
            var result = await bossTab.ServiceProvider.GetRequiredService<UserAdministration>().SetRoleAsync(victim.Id, Roles.Viewer);
            Assert.True(result.Succeeded, result.Message);
        }

        // Same tab, same captured principal (still saying Admin), no revalidation in between.
        Assert.True(victim.Principal.IsInRole(Roles.Admin));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => guard.EnsureAsync(AuthPolicies.CanAdminister));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => tab.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync());
        Assert.True(await guard.IsAllowedAsync(AuthPolicies.CanView));
        Assert.False(await guard.IsAllowedAsync(AuthPolicies.CanOperate));
    }

    [Fact]
    public async Task CreateToken_CreatorDemotedWithoutStampChange_IsRefusedAndNothingIsCreated()
    {
        var admin = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        await TestUsers.SetRoleQuietlyAsync(fx.App, admin.Id, Roles.Engineer);
        using var tab = TestUsers.CircuitScope(fx.App, admin.Principal);
        var tokens = tab.ServiceProvider.GetRequiredService<ApiTokenAdministration>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            tokens.CreateAsync(admin.Principal, new ApiTokenAdministration.TokenRequest("should-not-exist-" + admin.Id, Roles.Admin), CancellationToken.None));

        Assert.Equal(0L, await fx.Database.ScalarAsync($"SELECT count(*) FROM api_tokens WHERE \"OwnerUserId\" = '{admin.Id}'"));
    }

    [Fact]
    public async Task EnsureAsync_DisabledUser_IsRefused()
    {
        var engineer = await TestUsers.CreateAsync(fx.App, Roles.Engineer);
        using var tab = TestUsers.CircuitScope(fx.App, engineer.Principal);
        var guard = tab.ServiceProvider.GetRequiredService<AccessGuard>();
        Assert.True(await guard.IsAllowedAsync(AuthPolicies.CanOperate));

        await TestUsers.DisableQuietlyAsync(fx.App, engineer.Id);

        Assert.False(await guard.IsAllowedAsync(AuthPolicies.CanView));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => guard.EnsureAsync(AuthPolicies.CanOperate));
    }

    [Fact]
    public async Task EnsureAsync_DeletedUser_IsRefused()
    {
        var viewer = await TestUsers.CreateAsync(fx.App, Roles.Viewer);
        using var tab = TestUsers.CircuitScope(fx.App, viewer.Principal);
        var guard = tab.ServiceProvider.GetRequiredService<AccessGuard>();
        Assert.True(await guard.IsAllowedAsync(AuthPolicies.CanView));

        await TestUsers.DeleteAsync(fx.App, viewer.Id);

        Assert.False(await guard.IsAllowedAsync(AuthPolicies.CanView));
    }

    [Fact]
    public async Task EnsureAsync_UserPromotedToAdmin_IsAllowedBeforeTheTabRevalidates()
    {
        var viewer = await TestUsers.CreateAsync(fx.App, Roles.Viewer);
        using var tab = TestUsers.CircuitScope(fx.App, viewer.Principal);
        var guard = tab.ServiceProvider.GetRequiredService<AccessGuard>();
        Assert.False(await guard.IsAllowedAsync(AuthPolicies.CanAdminister));

        await TestUsers.SetRoleQuietlyAsync(fx.App, viewer.Id, Roles.Admin);

        Assert.True(await guard.IsAllowedAsync(AuthPolicies.CanAdminister));
    }
}
