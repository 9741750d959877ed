using System.Text.Json.Nodes;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Demo;

[Collection(WebAppCollection.Name)]
public sealed class DemoClusterTests
{
    [Fact]
    public async Task DemoMode_ServesAndConnectsTheSampleCluster_AndItsFirstScanFindsTheDrift()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await using var app = new KubeAdvisorAppFactory(db.ConnectionString, new Dictionary<string, string?>
        {
            ["DEMO"] = "true",
            ["SERVER_ALLOWLIST"] = "", // the demo's loopback server is allowed by demo mode itself, not by the allow-list
        });
        var api = ApiClient.WithToken(app, KubeAdvisorAppFactory.BootstrapToken);

        var clusters = JsonNode.Parse(await api.Http.GetStringAsync("/api/v1/clusters"))!.AsArray();
        var demo = Assert.Single(clusters, c => c!["name"]!.GetValue<string>() == "demo")!; // beside the seeded history (DemoHistoryTests)
        Assert.Equal("demo", demo["name"]!.GetValue<string>());
        Assert.True(demo["isDemo"]!.GetValue<bool>());
        var id = demo["id"]!.GetValue<Guid>();
        var scanId = JsonNode.Parse(await api.Http.GetStringAsync($"/api/v1/clusters/{id}/scans"))!.AsArray()[0]!["id"]!.GetValue<Guid>();

        var scan = await api.WaitForScanAsync(scanId);

        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        Assert.True(scan["workloads"]!.GetValue<int>() >= 15);
        var findings = await api.FindingsAsync(id);
        Assert.Contains(findings, f => f!["policy"]!.GetValue<string>() == "image-replica-drift");
        Assert.Contains(findings, f => f!["policy"]!.GetValue<string>() == "image-tag-missing");
    }
}
