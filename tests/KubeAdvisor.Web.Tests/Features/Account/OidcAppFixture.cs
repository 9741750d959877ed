using System.Net;
using System.Text.Json.Nodes;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Testing.Oidc;
using KubeAdvisor.Web.Infrastructure.Auth.Oidc;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Account;

/// <summary>
/// A real OpenID Connect provider (<see cref="TestOidcProvider"/>) and the app on its own database, pointed at it:
/// platform-admins = Admin, devs = Engineer, auditors = Viewer; devs = team payments, ops = team platform; a user in no
/// mapped group is a Viewer; password sign-in stays on. The teams payments, platform and storefront exist.
/// </summary>
public class OidcAppFixture : IAsyncLifetime
{
    public TestOidcProvider Provider { get; private set; } = null!;

    public PostgresDatabase Database { get; private set; } = null!;

    public KubeAdvisorAppFactory App { get; private set; } = null!;

    protected virtual Dictionary<string, string?> Settings(TestOidcProvider provider) =>
        provider.AppSettings("platform-admins=Admin,devs=Engineer,auditors=Viewer", "devs=payments,ops=platform", unmapped: "viewer");

    public async Task InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync();
        Database = await PostgresDatabase.CreateAsync();
        App = new KubeAdvisorAppFactory(Database.ConnectionString, Settings(Provider));
        _ = App.Server;
        await App.SeedRoleUsersAsync();
        await Database.ScalarAsync(
            "INSERT INTO teams (\"Id\", \"Name\", \"CreatedAt\") VALUES " +
            $"('{Guid.NewGuid()}', 'payments', now()), ('{Guid.NewGuid()}', 'platform', now()), ('{Guid.NewGuid()}', 'storefront', now())");
    }

    /// <summary>Signs <paramref name="user"/> in through the provider with a new browser client.</summary>
    public async Task<(HttpClient Client, HttpResponseMessage Callback)> SignInAsync(OidcTestUser user, string returnUrl = "/")
    {
        Provider.User = user;
        var client = App.CreateBrowserClient();
        return (client, await OidcBrowserClient.SignInAsync(client, returnUrl));
    }

    /// <summary>The role the client's session carries, or the status code when it has none.</summary>
    public static async Task<string> RoleOfAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/me");
        return response.StatusCode == HttpStatusCode.OK
            ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["roles"]!.AsArray().Single()!.GetValue<string>()
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The KubeAdvisor user linked to the provider subject, or null.</summary>
    public async Task<AppUser?> LinkedUserAsync(string subject)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByLoginAsync(OidcOptions.LoginProvider, subject);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>The same provider, with password sign-in switched off and users in no mapped group refused.</summary>
public sealed class OidcOnlyFixture : OidcAppFixture
{
    protected override Dictionary<string, string?> Settings(TestOidcProvider provider) =>
        provider.AppSettings("platform-admins=Admin,devs=Engineer", unmapped: "refuse", localSignIn: false);
}
