using KubeAdvisor.E2E.Tests.Support;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Infrastructure.Auth;
using Microsoft.Playwright;

namespace KubeAdvisor.E2E.Tests.Journeys;

/// <summary>
/// Sessions follow the user: an Admin disabled by another Admin cannot act from the tab she already had open
/// (the action checks the database), and the tab is signed out at the next revalidation (every 2 s here).
/// </summary>
[Collection(SessionBrowserCollection.Name)]
public sealed class SessionJourneyTests(SessionBrowserFixture fx)
{
    [Fact]
    public async Task DisabledAdmin_OpenTab_IsSignedOutAtRevalidationAndCannotSignInAgain()
    {
        var boss = await fx.NewPageAsync();
        await boss.SignInAsync(KubeAdvisorAppFactory.AdminEmail);
        var email = await UserAccounts.CreateAsync(fx.App, Roles.Admin);
        var tab = await fx.NewPageAsync();
        await tab.SignInAsync(email);
        // The overview has no [Authorize] attribute of its own (the endpoint's fallback policy guards it): the layout
        // is what must notice the anonymous circuit here, not the router.
        await Assertions.Expect(tab.GetByTestId("current-user")).ToHaveTextAsync(email);
        await boss.GotoAsync("/settings/users");
        await boss.WaitForBlazorAsync();

        await boss.DisableOnUsersPageAsync(email);

        // Nobody touches the tab: the revalidation finds the user disabled and the layout takes it to sign-in.
        await tab.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await tab.ScreenshotToResultsAsync("session-01-disabled-admin-signed-out");
        await tab.GotoAsync("/settings/tokens");
        await tab.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await tab.FillAsync("#email", email);
        await tab.FillAsync("#password", KubeAdvisorAppFactory.Password);
        await tab.ClickAsync("button[type=submit]");
        // The form gives one answer for every failure (no hint that the account exists but is disabled).
        await Assertions.Expect(tab.GetByTestId("login-error")).ToContainTextAsync("Sign-in failed");
        Assert.Contains("/account/login", tab.Url, StringComparison.Ordinal);
    }
}
