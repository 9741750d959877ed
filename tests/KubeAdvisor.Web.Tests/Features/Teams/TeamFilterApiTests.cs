using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Violations;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Teams;

/// <summary>
/// team= over HTTP after a real scan: findings' JSON and CSV name the owning team; team=mine is the caller's teams (a
/// signed-in user's, none for the system token) in the API and the explorer's export alike; several ids mean any of them.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class TeamFilterApiTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Join(
            FakeClusterManifests.Namespace("shop"),
            FakeClusterManifests.Namespace("payments"),
            FakeClusterManifests.Deployment("shop", "web", "nginx"),
            FakeClusterManifests.Deployment("shop", "api", "registry.example.com/shop/api:latest"),
            FakeClusterManifests.Deployment("payments", "ledger", "nginx:latest")));
        _api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Findings_TeamMine_IsTheCallersTeams_AndTheJsonAndCsvNameTheTeam()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var cluster = await _api.AddClusterAsync("mine-" + tag, _fake.Kubeconfig());
        var name = "shop-" + tag;
        var team = await CreatedIdAsync(await _api.Http.PostAsJsonAsync("/api/v1/teams", new { name }));
        var members = await _api.Http.PutAsJsonAsync($"/api/v1/teams/{team}/members", new { members = new[] { KubeAdvisorAppFactory.EmailFor(Roles.Engineer) } });
        Assert.Equal(HttpStatusCode.NoContent, members.StatusCode);
        await CreatedIdAsync(await _api.Http.PostAsJsonAsync("/api/v1/ownership-rules", new { teamId = team, clusterId = cluster, namespaces = new[] { "shop" } }));

        await _api.ScanAndWaitAsync(cluster);

        var all = await _api.FindingsAsync(cluster);
        var shop = all.Where(f => f!["namespace"]!.GetValue<string>() == "shop").ToList();
        Assert.NotEmpty(shop);
        Assert.All(shop, f => Assert.Equal((name, team), (f!["team"]!.GetValue<string>(), f["teamId"]!.GetValue<Guid>())));
        Assert.All(all.Except(shop), f => Assert.Null(f!["team"]));
        var engineer = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Engineer));

        var mine = JsonNode.Parse(await engineer.GetStringAsync($"/api/v1/clusters/{cluster}/findings?team=mine"))!["items"]!.AsArray();
        var system = await _api.FindingsAsync(cluster, "team=mine");
        var anyOf = await _api.FindingsAsync(cluster, $"team={Guid.NewGuid()},{team}");
        var csv = (await engineer.GetStringAsync($"{ViolationsExport.Path}?cluster={cluster}&team=mine")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var bad = await _api.Http.GetAsync($"/api/v1/clusters/{cluster}/findings?team={team},shop");

        Assert.Equal(Ids(shop), Ids(mine));
        Assert.Empty(system); // the system token belongs to nobody, so it is in no team
        Assert.Equal(Ids(shop), Ids(anyOf));
        Assert.Equal(FindingsCsv.Header, csv[0]);
        Assert.Equal(shop.Count, csv.Length - 1);
        Assert.All(csv.Skip(1), l => Assert.EndsWith("," + name, l, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static List<long> Ids(IEnumerable<JsonNode?> findings) => [.. findings.Select(f => f!["id"]!.GetValue<long>()).Order()];

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }
}
