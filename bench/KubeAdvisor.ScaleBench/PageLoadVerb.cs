using System.Diagnostics;
using Microsoft.Playwright;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// <c>page-load</c> (issue #15): pages of a running KubeAdvisor in real Chromium, as a user sees them. Signs in once,
/// then per page and run: navigate, and stop the clock when the page's first meaningful content is visible (for the
/// fleet pages the first table row). Warm-up runs, then median/p95 per page.
/// </summary>
internal static class PageLoadVerb
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var url = args.Required("url").TrimEnd('/');
        var runs = args.Int("runs", 20);
        var warmup = args.Int("warmup", 3);
        // path=selector pairs; the selector is what "meaningful content" means for that page.
        var pages = (args.Optional("pages") ?? "/clusters=[data-testid=fleet-row];/=[data-testid=fleet-row];/?group=env=[data-testid=fleet-group]")
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => { var i = p.IndexOf("=[", StringComparison.Ordinal); return (Path: p[..i], Selector: p[(i + 1)..]); })
            .ToList();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            ChromiumSandbox = false,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", args.Required("email"));
        await page.FillAsync("#password", args.Required("password"));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u => !u.Contains("/account/login", StringComparison.Ordinal));

        Console.WriteLine($"page-load: {url}, {runs} runs after {warmup} warm-ups; load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine("| page (Chromium: navigation to first meaningful content) | median ms | p95 ms | min–max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (path, selector) in pages)
        {
            var times = new List<double>();
            for (var i = 0; i < warmup + runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
                await page.Locator(selector).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 60_000 });
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (i >= warmup)
                {
                    times.Add(ms);
                }
            }

            var t = Timings.Of(times);
            Console.WriteLine($"| `{path}` ({selector}) | {t.Median:0} | {t.P95:0} | {t.Min:0}–{t.Max:0} |");
        }

        return 0;
    }
}
