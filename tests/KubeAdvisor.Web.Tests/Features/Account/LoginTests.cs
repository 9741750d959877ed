using System.Net;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Account;

[Collection(WebAppCollection.Name)]
public sealed class LoginTests(WebAppFixture fx)
{
    [Fact]
    public async Task Login_RightPassword_RedirectsToReturnUrlWithCookie()
    {
        var client = fx.App.CreateBrowserClient();

        var response = await AccountClient.PostLoginAsync(client, KubeAdvisorAppFactory.AdminEmail, KubeAdvisorAppFactory.Password, "/violations");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/violations", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Login_ExternalReturnUrl_GoesHomeInstead()
    {
        var client = fx.App.CreateBrowserClient();

        var response = await AccountClient.PostLoginAsync(client, KubeAdvisorAppFactory.AdminEmail, KubeAdvisorAppFactory.Password, "//evil.example/steal");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Login_WrongPassword_FailsAndIsAudited()
    {
        var client = fx.App.CreateBrowserClient();

        var response = await AccountClient.PostLoginAsync(client, KubeAdvisorAppFactory.EmailFor(Roles.Viewer), "wrong-password-123");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=invalid", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        var failures = await fx.Database.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE \"Action\" = '{AuditActions.SignInFailed}' AND \"Target\" = '{KubeAdvisorAppFactory.EmailFor(Roles.Viewer)}'");
        Assert.True((long)failures! >= 1);
    }

    [Fact]
    public async Task Login_RepeatedFailures_LocksOutEvenTheRightPassword()
    {
        const string email = "lockout@test.local";
        using (var scope = fx.App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user, KubeAdvisorAppFactory.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Viewer);
        }

        var client = fx.App.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            await AccountClient.PostLoginAsync(client, email, "wrong-password-" + i);
        }

        var response = await AccountClient.PostLoginAsync(client, email, KubeAdvisorAppFactory.Password);

        Assert.Contains("error=invalid", response.Headers.Location!.OriginalString); // the same answer as any failure
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Login_LoginPageWithoutAntiforgeryToken_IsRejected()
    {
        var client = fx.App.CreateBrowserClient();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = KubeAdvisorAppFactory.AdminEmail,
            ["password"] = KubeAdvisorAppFactory.Password,
        });

        var response = await client.PostAsync("/account/login", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
