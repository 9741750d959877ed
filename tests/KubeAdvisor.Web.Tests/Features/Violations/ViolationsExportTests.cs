using System.Net;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Violations;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Violations;

/// <summary>The CSV export against the running app: Engineer+ only, refused on the server for a Viewer.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ViolationsExportTests(WebAppFixture fx) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (await fx.Database.ScalarAsync("SELECT count(*) FROM clusters WHERE \"Name\" = 'prod'") is 0L)
        {
            await DashboardSeeder.SeedAsync(fx.Database.ConnectionString, DateTimeOffset.UtcNow);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Get_Viewer_IsForbidden()
    {
        var client = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Viewer));

        var response = await client.GetAsync(ViolationsExport.Path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Get_Anonymous_IsSentToLogin()
    {
        var response = await fx.App.CreateBrowserClient().GetAsync(ViolationsExport.Path);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_EngineerWithFilter_ReturnsTheFilteredSetAsCsv()
    {
        var client = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Engineer));

        var response = await client.GetAsync(ViolationsExport.Path + "?policy=image-tag-latest");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(FindingsCsv.Header, lines[0]);
        // The shared database also holds other tests' clusters: every row matches the filter, and prod has exactly its one.
        Assert.All(lines.Skip(1), l => Assert.Contains(",image-tag-latest,", l));
        Assert.StartsWith("prod,shop,Deployment,web,nginx,Regular,nginx:latest,image-tag-latest,high,", Assert.Single(lines.Skip(1), l => l.StartsWith("prod,", StringComparison.Ordinal)));
    }
}
