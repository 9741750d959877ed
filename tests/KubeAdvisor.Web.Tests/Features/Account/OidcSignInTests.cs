using System.Net;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Testing.Oidc;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Infrastructure.Auth.Oidc;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Account;

/// <summary>Single sign-on through a real OpenID Connect provider (code flow, PKCE), password sign-in still on.</summary>
public sealed class OidcSignInTests(OidcAppFixture fx) : IClassFixture<OidcAppFixture>
{
    [Fact]
    public async Task SignIn_AdminGroup_CreatesALinkedAdmin()
    {
        var user = OidcTestUser.New("platform-admins", "devs");

        var (client, callback) = await fx.SignInAsync(user);

        Assert.Equal("/", callback.Headers.Location?.OriginalString);
        Assert.Equal(Roles.Admin, await OidcAppFixture.RoleOfAsync(client)); // the highest mapped role wins
        var linked = await fx.LinkedUserAsync(user.Subject);
        Assert.Equal(user.Email, linked?.Email);
        Assert.Null(linked!.PasswordHash); // no password: only the provider signs this user in
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/settings/users")).StatusCode);
    }

    [Fact]
    public async Task SignIn_EngineerGroup_IsEngineer_ReturnsToTheLocalUrl_AndTheAuditNamesTheSubject()
    {
        var user = OidcTestUser.New("devs");

        var (client, callback) = await fx.SignInAsync(user, "/violations");

        Assert.Equal("/violations", callback.Headers.Location?.OriginalString);
        Assert.Equal(Roles.Engineer, await OidcAppFixture.RoleOfAsync(client));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/settings/users")).StatusCode);
        var details = (string?)await fx.Database.ScalarAsync(
            $"SELECT \"Details\" FROM audit_entries WHERE \"Action\" = '{AuditActions.SignIn}' AND \"Actor\" = '{user.Email}'");
        Assert.Contains($"oidc:{user.Subject}", details);
        Assert.Contains("role Engineer (groups devs)", details);
    }

    [Fact]
    public async Task SignIn_ExternalReturnUrl_GoesHome()
    {
        var (_, callback) = await fx.SignInAsync(OidcTestUser.New("devs"), "//evil.example/steal");

        Assert.Equal("/", callback.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_GroupsChange_RoleIsDecidedAgainAtEachSignIn_AndOpenSessionsFollowTheDatabase()
    {
        var engineer = OidcTestUser.New("devs");
        var (first, _) = await fx.SignInAsync(engineer);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/violations/export.csv")).StatusCode);

        var (second, _) = await fx.SignInAsync(engineer with { Groups = ["auditors"] });

        Assert.Equal(Roles.Viewer, await OidcAppFixture.RoleOfAsync(second));
        // the first session's cookie still says Engineer, but every role check reads the database
        Assert.Equal(HttpStatusCode.Forbidden, (await first.GetAsync("/violations/export.csv")).StatusCode);
        var change = (string?)await fx.Database.ScalarAsync(
            $"SELECT \"Details\" FROM audit_entries WHERE \"Action\" = '{AuditActions.UserRoleChanged}' AND \"Target\" = '{engineer.Email}'");
        Assert.Contains("Engineer -> Viewer", change);
        Assert.Contains($"oidc:{engineer.Subject}", change);

        var (third, _) = await fx.SignInAsync(engineer with { Groups = ["platform-admins"] });
        Assert.Equal(Roles.Admin, await OidcAppFixture.RoleOfAsync(third));
    }

    [Fact]
    public async Task SignIn_NoMappedGroup_IsViewer_WhenTheOptionSaysViewer()
    {
        var (client, _) = await fx.SignInAsync(OidcTestUser.New("marketing"));

        Assert.Equal(Roles.Viewer, await OidcAppFixture.RoleOfAsync(client));
    }

    [Fact]
    public async Task SignIn_DisabledUser_IsRefused()
    {
        var user = OidcTestUser.New("devs");
        await fx.SignInAsync(user);
        await TestUsers.DisableQuietlyAsync(fx.App, (await fx.LinkedUserAsync(user.Subject))!.Id);

        var (client, callback) = await fx.SignInAsync(user);

        Assert.Equal("/account/login?error=" + OidcSignInOutcome.Disabled, callback.Headers.Location?.OriginalString);
        Assert.Equal("401", await OidcAppFixture.RoleOfAsync(client));
        var failed = await fx.Database.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE \"Action\" = '{AuditActions.SignInFailed}' AND \"Details\" LIKE '%oidc:{user.Subject}%disabled%'");
        Assert.Equal(1L, failed);
    }

    [Fact]
    public async Task SignIn_TeamMap_ManagesOnlyTheMappedTeams()
    {
        var user = OidcTestUser.New("devs");
        await fx.SignInAsync(user);
        var id = (await fx.LinkedUserAsync(user.Subject))!.Id;
        Assert.Equal(["payments"], await TeamsOfAsync(id));
        // an Admin adds the user to a team the map does not name
        await fx.Database.ScalarAsync($"INSERT INTO team_members (\"TeamId\", \"UserId\") SELECT \"Id\", '{id}' FROM teams WHERE \"Name\" = 'storefront'");

        await fx.SignInAsync(user with { Groups = ["ops"] });

        Assert.Equal(["platform", "storefront"], await TeamsOfAsync(id));
        var removed = await fx.Database.ScalarAsync(
            $"SELECT count(*) FROM audit_entries WHERE \"Action\" = '{AuditActions.TeamMembersChanged}' AND \"Target\" = 'payments' AND \"Details\" LIKE '-{user.Email}%'");
        Assert.Equal(1L, removed);
    }

    [Fact]
    public async Task SignIn_EmailOfALocalAccount_IsNotLinkedToIt()
    {
        var user = new OidcTestUser("sub-" + Guid.NewGuid().ToString("N")[..8], KubeAdvisorAppFactory.EmailFor(Roles.Viewer), "platform-admins");

        var (client, callback) = await fx.SignInAsync(user);

        Assert.Equal("/account/login?error=" + OidcSignInOutcome.NoAccount, callback.Headers.Location?.OriginalString);
        Assert.Equal("401", await OidcAppFixture.RoleOfAsync(client));
        Assert.Null(await fx.LinkedUserAsync(user.Subject));
    }

    [Fact]
    public async Task Callback_WithoutTheFlowsCookies_IsRefused()
    {
        var client = fx.App.CreateBrowserClient();

        var response = await client.GetAsync(TestOidcProvider.CallbackPath + "?code=forged&state=forged");

        Assert.Equal("/account/login?error=" + OidcSignInOutcome.Failed, response.Headers.Location?.OriginalString);
        Assert.Equal("401", await OidcAppFixture.RoleOfAsync(client));
    }

    [Fact]
    public async Task LoginPage_OffersSingleSignOnAndThePasswordForm_AndPasswordsStillWork()
    {
        var client = fx.App.CreateBrowserClient();

        var page = await client.GetStringAsync("/account/login?returnUrl=%2Fviolations");

        Assert.Contains("href=\"/account/login/oidc?returnUrl=%2Fviolations\" data-enhance-nav=\"false\"", page); // a full page load
        Assert.Contains("Sign in with Test IdP", page);
        Assert.Contains("data-testid=\"login-form\"", page);
        var response = await AccountClient.PostLoginAsync(client, KubeAdvisorAppFactory.EmailFor(Roles.Engineer), KubeAdvisorAppFactory.Password);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    private async Task<List<string>> TeamsOfAsync(string userId)
    {
        var names = (string?)await fx.Database.ScalarAsync(
            $"SELECT string_agg(t.\"Name\", ',' ORDER BY t.\"Name\") FROM team_members m JOIN teams t ON t.\"Id\" = m.\"TeamId\" WHERE m.\"UserId\" = '{userId}'");
        return (names ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
