using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Agents;

/// <summary>POST /api/v1/agent/snapshots against the real app and PostgreSQL: every answer the issue lists.</summary>
[Collection(WebAppCollection.Name)]
public sealed class AgentIngestionTests(WebAppFixture fx)
{
    private readonly AgentPushClient _agent = new(fx.App);

    [Fact]
    public async Task Push_ValidSnapshot_Returns202AndIsEvaluatedLikeAScan()
    {
        var (cluster, token) = await _agent.ConnectAsync();

        var response = await _agent.PushAsync(token, await AgentPushClient.GzipAsync(AgentPushClient.Snapshot()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var scanId = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["scanId"]!.GetValue<Guid>();
        var scan = await _agent.Admin.WaitForScanAsync(scanId);
        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        var pairs = (await _agent.Admin.FindingsAsync(cluster)).Select(f => $"{f!["namespace"]}/{f["name"]}:{f["policy"]}").Order().ToList();
        Assert.Equal(["shop/api:image-tag-latest", "shop/web:image-tag-missing"], pairs);
        var status = JsonNode.Parse(await _agent.Admin.Http.GetStringAsync($"/api/v1/clusters/{cluster}/agent"))!;
        Assert.Equal("0.1.0-test", status["agentVersion"]!.GetValue<string>());
        Assert.Equal("v1.31.2-test", status["kubernetesVersion"]!.GetValue<string>());
        Assert.Equal("Online", status["state"]!.GetValue<string>());
        Assert.Equal(0, await fx.Database.ScalarAsync($"SELECT octet_length(\"Payload\") FROM agent_snapshots WHERE \"ScanId\" = '{scanId}'"));
    }

    [Fact]
    public async Task Push_SnapshotWithUnavailableKinds_IsAPartialScanLikeAKubeconfigScan()
    {
        var (cluster, token) = await _agent.ConnectAsync();
        var snapshot = AgentPushClient.Snapshot() with
        {
            Unavailable =
            [
                new("poddisruptionbudgets.policy", "PodDisruptionBudget", 403),
                new("pods", "Pod", 403), // never optional: not believed
                new("statefulsets.apps", "Deployment", 404), // the kind is the collector's, not the payload's
            ],
        };

        var response = await _agent.PushAsync(token, await AgentPushClient.GzipAsync(snapshot));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var scanId = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["scanId"]!.GetValue<Guid>();
        var scan = await _agent.Admin.WaitForScanAsync(scanId);
        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        Assert.Equal("incomplete: cannot list statefulsets.apps (404), cannot list poddisruptionbudgets.policy (403)", scan["warning"]!.GetValue<string>());
        Assert.Equal(3, scan["workloads"]!.GetValue<int>()); // the Deployments stay: only StatefulSets are unknown
        Assert.Equal("statefulsets.apps=404,poddisruptionbudgets.policy=403", // in listing order
            await fx.Database.ScalarAsync($"SELECT \"UnavailableKinds\" FROM scans WHERE \"Id\" = '{scanId}'"));
    }

    [Fact]
    public async Task Push_SameSnapshotTwice_Returns200WithTheSameScanAndStoresOneScan()
    {
        var (cluster, token) = await _agent.ConnectAsync();
        var snapshot = AgentPushClient.Snapshot();
        var body = await AgentPushClient.GzipAsync(snapshot);

        var first = await _agent.PushAsync(token, body, snapshotId: snapshot.SnapshotId);
        var replay = await _agent.PushAsync(token, body, snapshotId: snapshot.SnapshotId);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var a = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var b = JsonNode.Parse(await replay.Content.ReadAsStringAsync())!;
        Assert.Equal(a["scanId"]!.GetValue<Guid>(), b["scanId"]!.GetValue<Guid>());
        Assert.True(b["duplicate"]!.GetValue<bool>());
        Assert.Equal(1L, await fx.Database.ScalarAsync($"SELECT count(*) FROM scans WHERE \"ClusterId\" = '{cluster}'"));
        Assert.Equal(1L, await fx.Database.ScalarAsync($"SELECT count(*) FROM agent_snapshots WHERE \"ClusterId\" = '{cluster}'"));
    }

    [Fact]
    public async Task Push_NewSnapshotWithinTheMinimumInterval_Returns429WithRetryAfter()
    {
        var (cluster, token) = await _agent.ConnectAsync();
        await _agent.PushAsync(token, await AgentPushClient.GzipAsync(AgentPushClient.Snapshot()));

        var second = await _agent.PushAsync(token, await AgentPushClient.GzipAsync(AgentPushClient.Snapshot()));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.InRange(second.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 30);
        Assert.Equal(1L, await fx.Database.ScalarAsync($"SELECT count(*) FROM scans WHERE \"ClusterId\" = '{cluster}'"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ka_not-a-token-anyone-was-given")]
    [InlineData(KubeAdvisorAppFactory.BootstrapToken)] // a user API token (Admin!) cannot push
    public async Task Push_WithoutAValidAgentToken_Returns401(string? token)
    {
        var response = await _agent.PushAsync(token, await AgentPushClient.GzipAsync(AgentPushClient.Snapshot()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Push_RevokedOrRotatedToken_Returns401AndTheNewTokenWorks()
    {
        var (cluster, token) = await _agent.ConnectAsync();
        var rotated = JsonNode.Parse(await (await _agent.Admin.Http.PostAsync($"/api/v1/clusters/{cluster}/agent/token", null)).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _agent.PushAsync(token, await AgentPushClient.GzipAsync(AgentPushClient.Snapshot()))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await _agent.PushAsync(rotated, await AgentPushClient.GzipAsync(AgentPushClient.Snapshot()))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _agent.Admin.Http.DeleteAsync($"/api/v1/clusters/{cluster}/agent/token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _agent.PushAsync(rotated, await AgentPushClient.GzipAsync(AgentPushClient.Snapshot()))).StatusCode);
        var status = JsonNode.Parse(await _agent.Admin.Http.GetStringAsync($"/api/v1/clusters/{cluster}/agent"))!;
        Assert.Equal("Revoked", status["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task AgentToken_ReadingTheApi_Returns401()
    {
        var (_, token) = await _agent.ConnectAsync();
        var client = ApiClient.WithToken(fx.App, token).Http;

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/clusters")).StatusCode);
    }

    [Fact]
    public async Task Push_DecompressionBomb_Returns413AndStoresNothing()
    {
        var (cluster, token) = await _agent.ConnectAsync();
        var bomb = AgentPushClient.GzipRepeated([], new byte[1024 * 1024], 100, []); // 100 MB of zeros

        var response = await _agent.PushAsync(token, bomb);

        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes compressed");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0L, await fx.Database.ScalarAsync($"SELECT count(*) FROM agent_snapshots WHERE \"ClusterId\" = '{cluster}'"));
    }

    [Fact]
    public async Task Push_ValidJsonOverTheLimit_Returns413()
    {
        var (_, token) = await _agent.ConnectAsync();
        var prefix = Encoding.UTF8.GetBytes($"{{\"snapshotId\":\"{Guid.NewGuid()}\",\"collectedAt\":\"2026-11-27T10:00:00Z\",\"namespaces\":[");
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("\"team-namespace-000\",", 1000)));
        var body = AgentPushClient.GzipRepeated(prefix, chunk, 51 * 1024 * 1024 / chunk.Length + 1, Encoding.UTF8.GetBytes("\"x\"],\"workloads\":[],\"podDisruptionBudgets\":[]}"));

        var response = await _agent.PushAsync(token, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"snapshotId\": ", "not valid")]
    [InlineData("{\"collectedAt\":\"2026-11-27T10:00:00Z\",\"namespaces\":[],\"workloads\":[],\"podDisruptionBudgets\":[]}", "snapshotId")]
    [InlineData("{\"snapshotId\":\"a b\",\"collectedAt\":\"2026-11-27T10:00:00Z\",\"kubernetesVersion\":null,\"namespaces\":[],\"workloads\":[null],\"podDisruptionBudgets\":[]}", "workloads[0]")]
    [InlineData("{\"snapshotId\":\"n\",\"collectedAt\":\"2026-11-27T10:00:00Z\",\"kubernetesVersion\":null,\"namespaces\":[],\"workloads\":[],\"podDisruptionBudgets\":[],\"networkPolicies\":[null]}", "networkPolicies contains null")]
    [InlineData("null", "null")]
    public async Task Push_MalformedSnapshot_Returns400WithAMessage(string json, string mentioned)
    {
        var (cluster, token) = await _agent.ConnectAsync();

        var response = await _agent.PushAsync(token, AgentPushClient.Gzip(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
        Assert.True(error.Contains(mentioned, StringComparison.Ordinal), error);
        Assert.Equal(0L, await fx.Database.ScalarAsync($"SELECT count(*) FROM scans WHERE \"ClusterId\" = '{cluster}'"));
    }

    [Fact]
    public async Task Push_NotGzipped_Returns400()
    {
        var (_, token) = await _agent.ConnectAsync();

        var response = await _agent.PushAsync(token, Encoding.UTF8.GetBytes("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("gzip", await response.Content.ReadAsStringAsync());
    }
}
