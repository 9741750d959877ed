using System.Net;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Testing.Oidc;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Infrastructure.Auth.Oidc;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Account;

/// <summary>KUBEADVISOR_LOCAL_SIGNIN=false and KUBEADVISOR_OIDC_UNMAPPED=refuse: the provider is the only way in for people.</summary>
public sealed class OidcOnlyTests(OidcOnlyFixture fx) : IClassFixture<OidcOnlyFixture>
{
    [Fact]
    public async Task LoginPage_HasOnlyTheSingleSignOnLink()
    {
        var page = await fx.App.CreateBrowserClient().GetStringAsync("/account/login");

        Assert.Contains("Sign in with Test IdP", page);
        Assert.DoesNotContain("type=\"password\"", page);
        Assert.DoesNotContain("data-testid=\"login-form\"", page);
    }

    [Fact]
    public async Task PasswordPost_IsRefusedByTheServer_EvenWithTheRightPassword()
    {
        var client = fx.App.CreateBrowserClient();
        var (cookie, token) = AntiforgeryTokens();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["email"] = KubeAdvisorAppFactory.EmailFor(Roles.Engineer),
                ["password"] = KubeAdvisorAppFactory.Password,
            }),
        };
        request.Headers.Add("Cookie", cookie);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login?error=local-off", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("kubeadvisor.auth=", StringComparison.Ordinal));
        Assert.Equal("401", await OidcAppFixture.RoleOfAsync(client));
        Assert.Contains("Password sign-in is switched off", await client.GetStringAsync(response.Headers.Location));
    }

    [Fact]
    public async Task FirstRun_CreatesNoLocalAdmin_TheAdminGroupMakesAdmins()
    {
        Assert.Equal(0L, await fx.Database.ScalarAsync($"SELECT count(*) FROM \"AspNetUsers\" WHERE \"Email\" = '{KubeAdvisorAppFactory.AdminEmail}'"));

        var (client, _) = await fx.SignInAsync(OidcTestUser.New("platform-admins"));

        Assert.Equal(Roles.Admin, await OidcAppFixture.RoleOfAsync(client));
    }

    [Fact]
    public async Task SignIn_NoMappedGroup_IsRefused_AndNoAccountIsCreated()
    {
        var user = OidcTestUser.New("marketing");

        var (client, callback) = await fx.SignInAsync(user);

        Assert.Equal("/account/login?error=" + OidcSignInOutcome.Refused, callback.Headers.Location?.OriginalString);
        Assert.Equal("401", await OidcAppFixture.RoleOfAsync(client));
        Assert.Null(await fx.LinkedUserAsync(user.Subject));
        Assert.Equal(1L, await fx.Database.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE \"Action\" = '{AuditActions.SignInFailed}' AND \"Details\" LIKE 'oidc:{user.Subject}: no mapped group%'"));
    }

    [Fact]
    public async Task SignIn_UserWhoLostTheirGroups_IsRefused_AndTheirOpenSessionLosesItsRights()
    {
        var user = OidcTestUser.New("devs");
        var (first, _) = await fx.SignInAsync(user);
        Assert.Equal(Roles.Engineer, await OidcAppFixture.RoleOfAsync(first));

        var (_, callback) = await fx.SignInAsync(user with { Groups = [] });

        Assert.Equal("/account/login?error=" + OidcSignInOutcome.Refused, callback.Headers.Location?.OriginalString);
        Assert.Equal("403", await OidcAppFixture.RoleOfAsync(first)); // no role left in the database
    }

    [Fact]
    public async Task ApiTokens_KeepWorking()
    {
        var api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);

        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/api/v1/clusters")).StatusCode);
    }

    // What the login page's form would carry, were it shown: a valid antiforgery cookie and token.
    private (string Cookie, string Token) AntiforgeryTokens()
    {
        var antiforgery = fx.App.Services.GetRequiredService<IAntiforgery>();
        var context = new DefaultHttpContext { RequestServices = fx.App.Services };
        var tokens = antiforgery.GetAndStoreTokens(context);
        var cookie = context.Response.Headers.SetCookie.ToString().Split(';')[0];
        return (cookie, tokens.RequestToken!);
    }
}
