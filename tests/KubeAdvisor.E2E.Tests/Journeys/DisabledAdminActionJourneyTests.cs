using KubeAdvisor.E2E.Tests.Support;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.Playwright;

namespace KubeAdvisor.E2E.Tests.Journeys;

/// <summary>The refused action, in the app with the default (60 s) revalidation, so the click surely comes before it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DisabledAdminActionJourneyTests(BrowserAppFixture fx)
{
    [Fact]
    public async Task DisabledAdmin_CreatesTokenFromTheOpenTab_IsRefusedAndNothingIsCreated()
    {
        var boss = await fx.NewPageAsync();
        await boss.SignInAsync(KubeAdvisorAppFactory.AdminEmail);
        await boss.GotoAsync("/settings/users");
        await boss.WaitForBlazorAsync();
        var email = await UserAccounts.CreateAsync(fx.App, Roles.Admin);
        var tab = await fx.NewPageAsync();
        await tab.SignInAsync(email);
        await tab.GotoAsync("/settings/tokens");
        await tab.WaitForBlazorAsync();
        // The same tab could create a token a moment ago.
        await tab.InputOf("token-name").FillAsync("before-disable-" + Guid.NewGuid().ToString("N")[..6]);
        await tab.GetByTestId("create-token").ClickAsync();
        await Assertions.Expect(tab.GetByTestId("new-token")).ToBeVisibleAsync();
        var name = "after-disable-" + Guid.NewGuid().ToString("N")[..6];
        await tab.InputOf("token-name").FillAsync(name);
        await boss.ReloadAsync();
        await boss.WaitForBlazorAsync();

        await boss.DisableOnUsersPageAsync(email);
        await tab.GetByTestId("create-token").ClickAsync();

        await Assertions.Expect(tab.GetByTestId("tokens-error")).ToContainTextAsync(AccessGuard.NotAllowed);
        await Assertions.Expect(tab.GetByTestId("new-token")).ToHaveCountAsync(0);
        await tab.ScreenshotToResultsAsync("session-02-disabled-admin-refused");
        Assert.Equal(0L, await fx.Database.ScalarAsync($"SELECT count(*) FROM api_tokens WHERE \"Name\" = '{name}'"));
        Assert.Equal(1L, await fx.Database.ScalarAsync(
            $"SELECT count(*) FROM api_tokens t JOIN \"AspNetUsers\" u ON u.\"Id\" = t.\"OwnerUserId\" WHERE u.\"Email\" = '{email}'"));
    }
}
