using System.Net;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Infrastructure;

[Collection(WebAppCollection.Name)]
public sealed class DatabaseTests(WebAppFixture fx)
{
    [Fact]
    public async Task Start_EmptyDatabase_AppliesEveryMigration()
    {
        var applied = (long)(await fx.Database.ScalarAsync("SELECT count(*) FROM __ef_migrations_history"))!;
        var expected = typeof(KubeAdvisor.Migrations.DesignTimeDbContextFactory).Assembly.GetTypes()
            .Count(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Length > 0);

        Assert.True(expected > 0);
        Assert.Equal(expected, applied);
        Assert.Equal(1L, await fx.Database.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_name = 'findings'"));
        Assert.Equal(1L, await fx.Database.ScalarAsync("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'hangfire'"));
    }

    [Fact]
    public async Task Readyz_DatabaseGone_Reports503WhileHealthzStaysUp()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await using var app = new KubeAdvisorAppFactory(db.ConnectionString, new Dictionary<string, string?> { ["HANGFIRE_WORKERS"] = "0" });
        var client = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        await db.DropAsync();

        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("database unreachable", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Cookie_SignedInOnOneInstance_IsValidOnAnother()
    {
        await using var second = new KubeAdvisorAppFactory(fx.Database.ConnectionString, new Dictionary<string, string?> { ["HANGFIRE_WORKERS"] = "0" });
        var login = await AccountClient.PostLoginAsync(fx.App.CreateBrowserClient(), KubeAdvisorAppFactory.AdminEmail, KubeAdvisorAppFactory.Password);
        var authCookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("kubeadvisor.auth=", StringComparison.Ordinal));

        var request = new HttpRequestMessage(HttpMethod.Get, "/settings/users");
        request.Headers.Add("Cookie", authCookie);
        var response = await second.CreateBrowserClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
