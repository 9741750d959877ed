using KubeAdvisor.Web.Features.Users;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Infrastructure.Auth;

/// <summary>What an open tab's periodic revalidation decides (the interval itself is exercised by the browser journey).</summary>
[Collection(WebAppCollection.Name)]
public sealed class SessionRevalidatingStateProviderTests(WebAppFixture fx)
{
    private SessionRevalidatingStateProvider Provider(IServiceScope scope) =>
        Assert.IsType<SessionRevalidatingStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());

    [Fact]
    public async Task IsStillValid_UnchangedUser_True()
    {
        var user = await TestUsers.CreateAsync(fx.App, Roles.Engineer);
        using var scope = fx.App.Services.CreateScope();

        Assert.True(await Provider(scope).IsStillValidAsync(user.Principal, CancellationToken.None));
    }

    [Fact]
    public async Task IsStillValid_UserDisabledThroughUsersAdministration_False()
    {
        var user = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        var boss = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        using var bossTab = TestUsers.CircuitScope(fx.App, boss.Principal);

        var result = await bossTab.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync(user.Id, true);

        Assert.True(result.Succeeded, result.Message);
        Assert.False(await Provider(bossTab).IsStillValidAsync(user.Principal, CancellationToken.None));
        Assert.True(await Provider(bossTab).IsStillValidAsync(boss.Principal, CancellationToken.None));
    }

    [Fact]
    public async Task IsStillValid_RoleChangedEvenWithoutStampChange_False()
    {
        var user = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        using var scope = fx.App.Services.CreateScope();

        await TestUsers.SetRoleQuietlyAsync(fx.App, user.Id, Roles.Viewer);

        Assert.False(await Provider(scope).IsStillValidAsync(user.Principal, CancellationToken.None));
    }

    [Fact]
    public async Task IsStillValid_DeletedUser_False()
    {
        var user = await TestUsers.CreateAsync(fx.App, Roles.Viewer);
        using var scope = fx.App.Services.CreateScope();

        await TestUsers.DeleteAsync(fx.App, user.Id);

        Assert.False(await Provider(scope).IsStillValidAsync(user.Principal, CancellationToken.None));
    }
}
