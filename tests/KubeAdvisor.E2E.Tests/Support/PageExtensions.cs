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

    /// <summary>
    /// Chooses <paramref name="option"/> in a MudSelect: a click on its field opens the choices in the page's popover layer.
    /// A multi-select stays open after the choice (press Escape to close it).
    /// </summary>
    public static async Task ChooseAsync(this IPage page, string testId, string option)
    {
        await page.Locator($".mud-input-control:has([data-testid='{testId}'])").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
        // The field shows the choice (its ToStringFunc) as an input's value or, with no choice before, as text.
        await page.WaitForFunctionAsync(
            """
            ([id, text]) => {
              const field = document.querySelector(`[data-testid='${id}']`)?.closest('.mud-input-control');
              return !!field && (field.innerText.includes(text) || [...field.querySelectorAll('input')].some(i => i.value.includes(text)));
            }
            """, new[] { testId, option });
    }

    public static async Task ScreenshotToResultsAsync(this IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestResults.PathFor(name + ".png"), FullPage = true });
}
