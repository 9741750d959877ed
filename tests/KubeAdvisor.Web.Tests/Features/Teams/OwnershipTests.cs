using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Teams;

/// <summary>
/// Ownership through the API and a real scan: rules in order (first match wins) by namespace glob, namespace label and
/// workload label; findings carry their workload's team (team= filter, unowned); a rule change re-resolves without a rescan.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class OwnershipTests(WebAppFixture fx) : IAsyncLifetime
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: storefront}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: payments}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: legacy}
        """;

    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Join(Manifests,
            FakeClusterManifests.Deployment("shop", "web", "nginx"),
            FakeClusterManifests.Deployment("shop", "api", "registry.example.com/shop/api:latest"),
            FakeClusterManifests.Deployment("payments", "ledger", "nginx"),
            FakeClusterManifests.Deployment("legacy", "old", "nginx:latest")));
        _api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Scan_ResolvesOwnersFirstMatchWins_FindingsCarryTheTeam_RuleChangeReresolvesWithoutRescan()
    {
        var cluster = await _api.AddClusterAsync("own-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        var (api, payments, store) = (await TeamAsync("api"), await TeamAsync("payments"), await TeamAsync("store"));
        var apiRule = await RuleAsync(new { teamId = api, clusterId = cluster, workloadKey = "app", workloadValue = "api", position = 10 });
        await RuleAsync(new { teamId = payments, clusterId = cluster, namespaces = new[] { "pay*" }, position = 20 });
        await RuleAsync(new { teamId = store, clusterId = cluster, namespaceLabel = "team=store*", position = 30 });

        await _api.ScanAndWaitAsync(cluster);

        Assert.Equal(["api"], await NamesAsync(cluster, api)); // shop/api: the workload-label rule comes before the namespace label
        Assert.Equal(["ledger"], await NamesAsync(cluster, payments));
        Assert.Equal(["web"], await NamesAsync(cluster, store));
        Assert.Equal(["old"], await NamesAsync(cluster, "unowned"));
        var scans = (await _api.Http.GetFromJsonAsync<JsonArray>($"/api/v1/clusters/{cluster}/scans"))!.Count;

        var deleted = await _api.Http.DeleteAsync($"/api/v1/ownership-rules/{apiRule}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await Eventually.UntilAsync(async () => (await NamesAsync(cluster, store)).SequenceEqual(["api", "web"]), TimeSpan.FromSeconds(30),
            () => "shop/api re-resolved to the store team");
        Assert.Empty(await NamesAsync(cluster, api));
        Assert.Equal(scans, (await _api.Http.GetFromJsonAsync<JsonArray>($"/api/v1/clusters/{cluster}/scans"))!.Count);
    }

    [Fact]
    public async Task Teams_ListMembersAndCounts_BadInputIsRefused()
    {
        var team = await TeamAsync("members");
        var put = await _api.Http.PutAsJsonAsync($"/api/v1/teams/{team}/members", new { members = new[] { KubeAdvisorAppFactory.AdminEmail } });
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        var unknown = await _api.Http.PutAsJsonAsync($"/api/v1/teams/{team}/members", new { members = new[] { "nobody@example.com" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var listed = (await _api.Http.GetFromJsonAsync<JsonObject>("/api/v1/teams"))!["items"]!.AsArray().Single(t => t!["id"]!.GetValue<Guid>() == team)!;
        Assert.Equal([KubeAdvisorAppFactory.AdminEmail], listed["members"]!.AsArray().Select(m => m!.GetValue<string>()));

        var duplicate = await _api.Http.PostAsJsonAsync("/api/v1/teams", new { name = listed["name"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var noTeam = await _api.Http.PostAsJsonAsync("/api/v1/ownership-rules", new { teamId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, noTeam.StatusCode);
        var badLabel = await _api.Http.PostAsJsonAsync("/api/v1/ownership-rules", new { teamId = team, namespaceLabel = "=x" });
        Assert.Equal(HttpStatusCode.BadRequest, badLabel.StatusCode);
        var cluster = await _api.AddClusterAsync("own-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        var badFilter = await _api.Http.GetAsync($"/api/v1/clusters/{cluster}/findings?team=payments");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
    }

    private async Task<Guid> TeamAsync(string name)
    {
        var response = await _api.Http.PostAsJsonAsync("/api/v1/teams", new { name = $"{name}-{Guid.NewGuid():N}"[..20] });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    private async Task<Guid> RuleAsync(object rule)
    {
        var response = await _api.Http.PostAsJsonAsync("/api/v1/ownership-rules", rule);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    private async Task<List<string>> NamesAsync(Guid cluster, object team) =>
        (await _api.FindingsAsync(cluster, $"team={team}")).Select(f => f!["name"]!.GetValue<string>()).Order().ToList();
}
