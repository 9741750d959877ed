using KubeAdvisor.Testing;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KubeAdvisor.Agent.Tests.Support;
using KubeAdvisor.DemoCluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Agent.Tests;

/// <summary>The agent process (in-process host) against the fake Kubernetes API, pushing into the real server and PostgreSQL.</summary>
[Collection(AgentServerCollection.Name)]
public sealed class AgentEndToEndTests(AgentServerFixture fx)
{
    [Fact]
    public async Task Agent_PushesTheDemoCluster_FindingsAndScoreMatchAKubeconfigScan()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        var byKubeconfig = await fx.Admin.AddClusterAsync("kc-" + Suffix(), fake.Server.Kubeconfig());
        await fx.Admin.ScanAndWaitAsync(byKubeconfig);
        var (byAgent, token) = await fx.ConnectAgentAsync("agent");

        await using var agent = await StartAgentAsync(fake, fx.BaseUrl, token);
        var status = await WaitForAgentScanAsync(byAgent);

        Assert.Equal("Succeeded", status["lastScan"]!["status"]!.GetValue<string>());
        Assert.Equal("Online", status["state"]!.GetValue<string>());
        Assert.Equal(AgentVersion.Current, status["agentVersion"]!.GetValue<string>());
        Assert.Equal("v1.31.2-fake", status["kubernetesVersion"]!.GetValue<string>());
        var expected = await FindingsAsync(byKubeconfig);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await FindingsAsync(byAgent));
        var clusters = JsonNode.Parse(await fx.Admin.Http.GetStringAsync("/api/v1/clusters"))!.AsArray();
        double? Score(Guid id) => clusters.Single(c => c!["id"]!.GetValue<Guid>() == id)!["score"]!.GetValue<double>();
        Assert.Equal(Score(byKubeconfig), Score(byAgent));

        var health = new HttpClient { BaseAddress = new Uri(HealthUrl(agent)) };
        Assert.Equal("ok", await health.GetStringAsync("/healthz"));
        Assert.True(JsonNode.Parse(await health.GetStringAsync("/readyz"))!["started"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Agent_ServerDownThenUp_DeliversOnce()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        var (cluster, token) = await fx.ConnectAgentAsync("agent");
        await using var proxy = new LossyProxy(LossyProxy.FreePort(), fx.BaseUrl);

        await using var agent = await StartAgentAsync(fake, proxy.Url, token);
        var health = agent.Services.GetRequiredService<AgentHealth>();
        await WaitUntilAsync(() => health.LastProblem?.Contains("cannot reach", StringComparison.Ordinal) == true, "the agent to find the server down");
        await proxy.StartAsync(); // the server is "up"; its first answer is lost on the way back
        var status = await WaitForAgentScanAsync(cluster);

        Assert.Equal("Succeeded", status["lastScan"]!["status"]!.GetValue<string>());
        await WaitUntilAsync(() => health.LastDeliveredAt is not null, "the agent to see its delivery confirmed");
        Assert.Equal(2, proxy.Requests); // the lost push and its replay with the same snapshot id
        Assert.Equal(1L, await fx.Database.ScalarAsync($"SELECT count(*) FROM scans WHERE \"ClusterId\" = '{cluster}'"));
        Assert.Equal(1L, await fx.Database.ScalarAsync($"SELECT count(*) FROM agent_snapshots WHERE \"ClusterId\" = '{cluster}'"));
    }

    [Fact]
    public async Task Uploader_RevokedToken_IsRejectedNotRetried()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        var (cluster, token) = await fx.ConnectAgentAsync("agent");
        await fx.Admin.Http.DeleteAsync($"/api/v1/clusters/{cluster}/agent/token");
        var options = fake.Options(fx.BaseUrl, token);
        var pending = await new SnapshotSource(fake.Connection(), new KubeAdvisor.Agent.Admission.AdmissionDecisionLog(TimeProvider.System), TimeProvider.System).CollectAsync(CancellationToken.None);

        var outcome = await new SnapshotUploader(new HttpClient(), options).PushAsync(pending, CancellationToken.None);

        Assert.Equal(PushOutcomeKind.Rejected, outcome.Kind);
        Assert.Contains("401", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, outcome.Message, StringComparison.Ordinal);
    }


    private static async Task<WebApplication> StartAgentAsync(FakeCluster fake, string serverUrl, string token)
    {
        var agent = AgentHost.Build([], new Dictionary<string, string?>
        {
            ["SERVER_URL"] = serverUrl, ["TOKEN"] = token, ["KUBERNETES_URL"] = fake.Url, ["SERVICE_ACCOUNT_DIR"] = fake.ServiceAccountDir, ["HEALTH_PORT"] = "0",
            ["INTERVAL_MINUTES"] = "60", ["FIRST_BACKOFF_SECONDS"] = "0.2", ["MAX_BACKOFF_SECONDS"] = "1", ["REQUEST_TIMEOUT_SECONDS"] = "20",
        });
        await agent.StartAsync();
        return agent;
    }

    private async Task<JsonNode> WaitForAgentScanAsync(Guid cluster)
    {
        JsonNode? status = null;
        await WaitUntilAsync(async () =>
        {
            status = JsonNode.Parse(await fx.Admin.Http.GetStringAsync($"/api/v1/clusters/{cluster}/agent"))!;
            return status["lastScan"]?["status"]?.GetValue<string>() is "Succeeded" or "Failed";
        }, "the agent's snapshot to be evaluated");
        return status!;
    }

    private async Task<List<string>> FindingsAsync(Guid cluster) => (await fx.Admin.FindingsAsync(cluster))
        .Select(f => string.Join("|", new[] { "namespace", "kind", "name", "container", "containerType", "image", "policy", "severity", "message" }
            .Select(k => f![k]?.ToJsonString() ?? "null")))
        .Order(StringComparer.Ordinal).ToList();

    private static string HealthUrl(WebApplication agent) =>
        agent.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        Eventually.UntilAsync(condition, TimeSpan.FromSeconds(90), () => what);

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];
}
