using System.Text.Json.Nodes;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>Running digests end to end: a tag moves under a running Deployment, the history and the pin follow.</summary>
[Collection(WebAppCollection.Name)]
public sealed class DigestHistoryTests(WebAppFixture fx) : IAsyncLifetime
{
    private static readonly string A = "sha256:" + new string('a', 64);
    private static readonly string B = "sha256:" + new string('b', 64);
    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private void Serve(params string[] digests) =>
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.DeploymentWithPods("shop", "web", "registry.example.com/shop/web:latest", "5f7c9", digests));

    [Fact]
    public async Task TagMovesUnderRunningDeployment_DriftAndMoveFire_PinPointsToTheOldDigest_ThenMoveResolves()
    {
        Serve(A, A, A);
        var cluster = await _api.AddClusterAsync("digests-" + Guid.NewGuid().ToString("N")[..6], _fake.Kubeconfig());
        await _api.ScanAndWaitAsync(cluster);
        Assert.DoesNotContain(await _api.FindingsAsync(cluster), f => f!["policy"]!.GetValue<string>() is "image-tag-moved" or "image-replica-drift");

        Serve(A, A, $"docker-pullable://registry.example.com/shop/web@{B}");
        await _api.ScanAndWaitAsync(cluster);
        var findings = await _api.FindingsAsync(cluster);

        var drift = findings.Single(f => f!["policy"]!.GetValue<string>() == "image-replica-drift")!;
        Assert.Equal("1 of 3 replicas of web run sha256:bbbbbbbbbbbb…, 2 run sha256:aaaaaaaaaaaa… under tag latest (container web)", drift["message"]!.GetValue<string>());
        Assert.Equal([A, B], drift["digests"]!.AsArray().Select(d => d!.GetValue<string>()));
        var moved = findings.Single(f => f!["policy"]!.GetValue<string>() == "image-tag-moved")!;
        Assert.Contains(B[..19], moved["message"]!.GetValue<string>());
        var latest = findings.Single(f => f!["policy"]!.GetValue<string>() == "image-tag-latest")!;
        Assert.Contains($"image: registry.example.com/shop/web@{A}", latest["remediation"]!.GetValue<string>());
        Assert.Contains($"image: registry.example.com/shop/web@{A}", moved["remediation"]!.GetValue<string>());

        var workloadId = latest["workloadId"]!.GetValue<Guid>();
        var history = JsonNode.Parse(await _api.Http.GetStringAsync($"/api/v1/clusters/{cluster}/workloads/{workloadId}/digests"))!.AsArray();
        Assert.Equal([A, B], history.Select(h => h!["digest"]!.GetValue<string>()));
        Assert.All(history, h => Assert.True(h!["runningNow"]!.GetValue<bool>()));
        Assert.True(history[0]!["firstSeen"]!.GetValue<DateTimeOffset>() < history[1]!["firstSeen"]!.GetValue<DateTimeOffset>());

        await _api.ScanAndWaitAsync(cluster);
        var third = await _api.FindingsAsync(cluster);
        Assert.DoesNotContain(third, f => f!["policy"]!.GetValue<string>() == "image-tag-moved");
        Assert.Contains(third, f => f!["policy"]!.GetValue<string>() == "image-replica-drift");
        Assert.Contains(await _api.FindingsAsync(cluster, "status=resolved"), f => f!["policy"]!.GetValue<string>() == "image-tag-moved");
    }

    [Fact]
    public async Task Digests_UnknownWorkload_Is404()
    {
        Serve(A);
        var cluster = await _api.AddClusterAsync("digests404-" + Guid.NewGuid().ToString("N")[..6], _fake.Kubeconfig());

        var response = await _api.Http.GetAsync($"/api/v1/clusters/{cluster}/workloads/{Guid.NewGuid()}/digests");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
