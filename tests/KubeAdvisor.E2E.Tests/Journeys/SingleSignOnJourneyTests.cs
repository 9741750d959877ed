using KubeAdvisor.E2E.Tests.Support;
using KubeAdvisor.Testing.Oidc;
using Microsoft.Playwright;

namespace KubeAdvisor.E2E.Tests.Journeys;

[Collection(OidcBrowserCollection.Name)]
public sealed class SingleSignOnJourneyTests(OidcBrowserFixture fx)
{
    [Fact]
    public async Task Engineer_SignsInThroughTheProvider_OpensAnEngineerPage_AndIsRefusedAnAdminPageByTheServer()
    {
        var engineer = OidcTestUser.New("devs");
        fx.Provider.User = engineer;
        var page = await fx.NewPageAsync();
        var authorizations = fx.Provider.Authorizations;

        await page.GotoAsync("/account/login?returnUrl=%2Fexceptions%2Fnew");
        await page.ScreenshotToResultsAsync("30-login-sso");
        var trail = new List<string>();
        page.Response += (_, r) => trail.Add($"{r.Status} {r.Url}");
        await page.GetByTestId("login-sso").ClickAsync();
        try
        {
            // through the provider and the callback, back to a page of the app
            await page.WaitForURLAsync(url => url.StartsWith(fx.BaseUrl, StringComparison.Ordinal) && !url.Contains("/account/login", StringComparison.Ordinal));
        }
        catch (TimeoutException)
        {
            await page.ScreenshotToResultsAsync("31-sso-stopped");
            throw new InvalidOperationException($"Single sign-on stopped at {page.Url}; responses: " + string.Join(" | ", trail));
        }

        Assert.Equal(fx.BaseUrl + "/exceptions/new", page.Url);
        await page.WaitForBlazorAsync();

        Assert.Equal(authorizations + 1, fx.Provider.Authorizations); // the provider, not a password, signed in
        Assert.Equal(engineer.Email, await page.GetByTestId("current-user").InnerTextAsync());
        await Assertions.Expect(page.GetByText("Request an exception").First).ToBeVisibleAsync();
        await page.ScreenshotToResultsAsync("32-sso-engineer-request-exception");

        var admin = await page.GotoAsync("/settings/users");
        Assert.Equal(403, admin!.Status);
        Assert.Contains("Your role does not allow this page", await page.ContentAsync());
        var tokens = await page.Context.APIRequest.GetAsync("/api/v1/tokens");
        Assert.Equal(403, tokens.Status);
    }
}
