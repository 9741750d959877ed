using KubeAdvisor.E2E.Tests.Support;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;

namespace KubeAdvisor.E2E.Tests.Journeys;

[Collection(FreshBrowserCollection.Name)]
public sealed class FirstSignInJourneyTests(BrowserAppFixture fx)
{
    [Fact]
    public async Task NewAdmin_SignsIn_SeesEmptyOverviewThatExplainsHowToConnectACluster()
    {
        var page = await fx.NewPageAsync();

        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url);
        await page.SignInAsync(KubeAdvisorAppFactory.AdminEmail);

        var empty = page.GetByTestId("overview-empty");
        await empty.WaitForAsync();
        Assert.Contains("Connect your first cluster", await empty.InnerTextAsync());
        Assert.Equal(KubeAdvisorAppFactory.AdminEmail, await page.GetByTestId("current-user").InnerTextAsync());
        await page.ScreenshotToResultsAsync("01-overview-empty");
        Assert.True(File.Exists(TestResults.PathFor("01-overview-empty.png")));
    }

    [Fact]
    public async Task WrongPassword_ShowsTheErrorOnTheLoginPage()
    {
        var page = await fx.NewPageAsync();

        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", KubeAdvisorAppFactory.AdminEmail);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");

        var error = page.GetByTestId("login-error");
        await error.WaitForAsync();
        Assert.Contains("Sign-in failed: check the e-mail and password", await error.InnerTextAsync());
        await page.ScreenshotToResultsAsync("00-login-error");
    }

    [Fact]
    public async Task DarkTheme_IsRememberedAcrossReloads()
    {
        var page = await fx.NewPageAsync();
        await page.SignInAsync(KubeAdvisorAppFactory.AdminEmail);
        const string background = "() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background').trim()";
        var light = await page.EvaluateAsync<string>(background);

        await page.GetByTestId("toggle-theme").ClickAsync();
        await page.WaitForFunctionAsync($"() => ({background})() !== {System.Text.Json.JsonSerializer.Serialize(light)}");
        var dark = await page.EvaluateAsync<string>(background);
        await page.ReloadAsync();
        await page.WaitForBlazorAsync();
        await page.WaitForFunctionAsync($"() => ({background})() === {System.Text.Json.JsonSerializer.Serialize(dark)}");
        await page.ScreenshotToResultsAsync("14-overview-dark");

        Assert.NotEqual(light, dark);
    }
}
