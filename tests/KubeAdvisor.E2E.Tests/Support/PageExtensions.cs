using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using Microsoft.Playwright;

namespace KubeAdvisor.E2E.Tests.Support;

public static class PageExtensions
{
    public static async Task SignInAsync(this IPage page, string email, string password = KubeAdvisorAppFactory.Password)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.WaitForBlazorAsync();
    }

    /// <summary>Buttons do nothing until the interactive circuit is up; wait for it.</summary>
    public static async Task WaitForBlazorAsync(this IPage page) =>
        await page.WaitForSelectorAsync("[data-circuit-ready]", new() { State = WaitForSelectorState.Attached });

    /// <summary>The input of a MudBlazor field, whether the test id landed on the input or on its wrapper.</summary>
    public static ILocator InputOf(this IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    public static async Task ScreenshotToResultsAsync(this IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestResults.PathFor(name + ".png"), FullPage = true });
}
