using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KubeAdvisor.E2E.Tests.Support;

/// <summary>
/// The real app on Kestrel (a real port), a real PostgreSQL database and Debian's Chromium driven by Playwright.
/// Chromium must be installed (.ci/run installs it); without it these tests fail, they are never skipped.
/// </summary>
public class BrowserAppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public PostgresDatabase Database { get; private set; } = null!;

    public KubeAdvisorAppFactory App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Extra app settings (keys without the KUBEADVISOR_ prefix) of a derived fixture.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install it with 'apt-get install -y chromium' (.ci/run does).");
        }

        await BeforeAppAsync();
        Database = await PostgresDatabase.CreateAsync();
        App = new KubeAdvisorAppFactory(Database.ConnectionString, Settings);
        App.UseKestrel(0);
        App.StartServer();
        await App.SeedRoleUsersAsync();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        // Waits, not speed asserts: a shared 2-core machine can take seconds for a first JIT-heavy action.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            ChromiumSandbox = false,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>What a derived fixture starts before the app (whose settings may depend on it).</summary>
    protected virtual Task BeforeAppAsync() => Task.CompletedTask;

    /// <summary>What a derived fixture stops after the app.</summary>
    protected virtual Task AfterAppAsync() => Task.CompletedTask;

    /// <summary>A fresh browser context (own cookies) at 1280×800, the laptop size we design for.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
        await Database.DisposeAsync();
        await AfterAppAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "browser";
}

/// <summary>A second app and database for journeys that need an empty KubeAdvisor (first sign-in), whatever ran before.</summary>
[CollectionDefinition(Name)]
public sealed class FreshBrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "fresh browser";
}
