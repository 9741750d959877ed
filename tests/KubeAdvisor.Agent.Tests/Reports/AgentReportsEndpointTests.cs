using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KubeAdvisor.Agent.Admission;
using KubeAdvisor.Agent.Tests.Support;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;

namespace KubeAdvisor.Agent.Tests.Reports;

/// <summary>GET /api/v1/agent/reports serves only the token's own cluster, to its agent only, and waits with 202 for a scan being judged.</summary>
[Collection(AgentServerCollection.Name)]
public sealed class AgentReportsEndpointTests(AgentServerFixture fx)
{
    [Fact]
    public async Task Get_OwnAgentOnly_NeverAnotherClustersReports_UserTokensRefused()
    {
        await using var fake = await FakeCluster.StartAsync(DemoManifests.LoadAll());
        var (cluster, token) = await fx.ConnectAgentAsync("reports-a");
        var (_, otherToken) = await fx.ConnectAgentAsync("reports-b");
        var scan = await PushAsync(fake, token);
        await Eventually.UntilAsync(async () => (await GetAsync(token, $"?scan={scan}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(90), () => "the pushed snapshot to be judged");

        var own = await GetAsync(token, "");
        var ownItems = JsonNode.Parse(await own.Content.ReadAsStringAsync())!["items"]!.AsArray();
        var other = await GetAsync(otherToken, "");
        var otherAskingForIt = await GetAsync(otherToken, $"?scan={scan}");
        var user = await GetAsync(KubeAdvisor.Testing.Hosting.KubeAdvisorAppFactory.BootstrapToken, "");
        var anonymous = await GetAsync(null, "");

        Assert.Equal(scan.ToString(), own.Headers.GetValues("X-KubeAdvisor-Scan-Id").Single());
        Assert.NotEmpty(ownItems);
        Assert.All(ownItems, i => Assert.Equal(cluster.ToString(), i!["metadata"]!["annotations"]!["kubeadvisor.io/cluster-id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.False(other.Headers.Contains("X-KubeAdvisor-Scan-Id")); // no scan of its own yet
        Assert.Empty(JsonNode.Parse(await other.Content.ReadAsStringAsync())!["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, otherAskingForIt.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, user.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<Guid> PushAsync(FakeCluster fake, string token)
    {
        var pending = await new SnapshotSource(fake.Connection(), new AdmissionDecisionLog(TimeProvider.System), TimeProvider.System).CollectAsync(CancellationToken.None);
        var outcome = await new SnapshotUploader(new HttpClient(), fake.Options(fx.BaseUrl, token)).PushAsync(pending, CancellationToken.None);
        Assert.Equal(PushOutcomeKind.Delivered, outcome.Kind);
        return outcome.ScanId!.Value;
    }

    private async Task<HttpResponseMessage> GetAsync(string? token, string query)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fx.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/agent/reports" + query);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
