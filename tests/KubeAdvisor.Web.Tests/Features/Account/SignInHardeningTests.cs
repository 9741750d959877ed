using System.Net;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Account;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Account;

/// <summary>One answer for every failed sign-in, rate limits per address and per account, aggregated audit rows.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SignInHardeningTests(WebAppFixture fx)
{
    [Fact]
    public async Task Login_UnknownWrongOrDisabled_GetTheSameAnswer()
    {
        var disabled = await CreateUserAsync(isDisabled: true);
        var client = fx.App.CreateBrowserClient();

        var unknown = await AccountClient.PostLoginAsync(client, "nobody-" + Guid.NewGuid().ToString("N") + "@test.local", KubeAdvisorAppFactory.Password);
        var wrong = await AccountClient.PostLoginAsync(client, KubeAdvisorAppFactory.EmailFor(Roles.Engineer), "wrong-password-123");
        var off = await AccountClient.PostLoginAsync(client, disabled, KubeAdvisorAppFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal("/account/login?error=invalid&returnUrl=%2F", unknown.Headers.Location!.OriginalString);
        Assert.Equal(unknown.Headers.Location, wrong.Headers.Location);
        Assert.Equal(unknown.Headers.Location, off.Headers.Location);
        var page = await client.GetStringAsync(off.Headers.Location);
        Assert.DoesNotContain("disabled", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FailedSignIns_AreAuditedOnceThenAggregated_WithAddressAndUserAgent()
    {
        var email = await CreateUserAsync(isDisabled: false);
        await using var app = WithTestAddresses(new() { ["HANGFIRE_WORKERS"] = "0" });
        var client = BrowserClient(app, "203.0.113.9");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("KubeAdvisorTests/1.0");

        for (var i = 0; i < 4; i++)
        {
            await AccountClient.PostLoginAsync(client, email, "wrong-password-" + i);
        }

        var where = $"FROM audit_entries WHERE \"Action\" = '{AuditActions.SignInFailed}' AND \"Target\" = '{email}'";
        Assert.Equal(1L, await fx.Database.ScalarAsync($"SELECT count(*) {where}"));
        Assert.Equal("203.0.113.9", await fx.Database.ScalarAsync($"SELECT \"RemoteAddress\" {where}"));
        Assert.Equal("KubeAdvisorTests/1.0", await fx.Database.ScalarAsync($"SELECT \"UserAgent\" {where}"));

        await app.Services.GetRequiredService<FailedSignInAudit>().FlushAsync(all: true, CancellationToken.None);

        Assert.Equal(2L, await fx.Database.ScalarAsync($"SELECT count(*) {where}"));
        Assert.StartsWith("3 more failed sign-ins", (string)(await fx.Database.ScalarAsync($"SELECT \"Details\" {where} ORDER BY \"Id\" DESC LIMIT 1"))!);
        Assert.Equal("203.0.113.9", await fx.Database.ScalarAsync($"SELECT \"RemoteAddress\" {where} ORDER BY \"Id\" DESC LIMIT 1"));
    }

    [Fact]
    public async Task Login_PerAddressLimit_Answers429ForThatAddressOnly()
    {
        await using var app = WithTestAddresses(new() { ["HANGFIRE_WORKERS"] = "0", ["SIGN_IN_PER_ADDRESS_PER_MINUTE"] = "3" });
        var noisy = BrowserClient(app, "198.51.100.1");
        var other = BrowserClient(app, "198.51.100.2");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await AccountClient.PostLoginAsync(noisy, "guess-" + i + "@test.local", "wrong-password-123")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.Redirect, (await AccountClient.PostLoginAsync(other, KubeAdvisorAppFactory.EmailFor(Roles.Viewer), KubeAdvisorAppFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task Login_PerAccountLimit_ThrottlesThatAccountFromAnyAddress()
    {
        var email = await CreateUserAsync(isDisabled: false);
        await using var app = WithTestAddresses(new() { ["HANGFIRE_WORKERS"] = "0", ["SIGN_IN_PER_ACCOUNT_PER_MINUTE"] = "2" });

        var first = await AccountClient.PostLoginAsync(BrowserClient(app, "192.0.2.1"), email, "wrong-password-1");
        var second = await AccountClient.PostLoginAsync(BrowserClient(app, "192.0.2.2"), email, "wrong-password-2");
        var third = await AccountClient.PostLoginAsync(BrowserClient(app, "192.0.2.3"), email, KubeAdvisorAppFactory.Password);

        Assert.Contains("error=invalid", first.Headers.Location!.OriginalString);
        Assert.Contains("error=invalid", second.Headers.Location!.OriginalString);
        Assert.Contains("error=throttled", third.Headers.Location!.OriginalString); // even the right password waits
    }

    private WebApplicationFactory<Program> WithTestAddresses(Dictionary<string, string> settings) =>
        fx.App.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFromHeader>());
        });

    private static HttpClient BrowserClient(WebApplicationFactory<Program> app, string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        return client;
    }

    private async Task<string> CreateUserAsync(bool isDisabled)
    {
        var email = $"signin-{Guid.NewGuid():N}@test.local";
        using var scope = fx.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, CreatedAt = DateTimeOffset.UtcNow, IsDisabled = isDisabled };
        Assert.True((await users.CreateAsync(user, KubeAdvisorAppFactory.Password)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Viewer);
        return email;
    }
}
