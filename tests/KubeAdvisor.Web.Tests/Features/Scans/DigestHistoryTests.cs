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
    public async Task DigestLifecycle_UnchangedRowsUntouched_StoppedKeepsItsLastScan_ComesBackOnItsOwnRow()
    {
        Serve(A, A);
        var cluster = await _api.AddClusterAsync("digestlife-" + Guid.NewGuid().ToString("N")[..6], _fake.Kubeconfig());
        await _api.ScanAndWaitAsync(cluster);
        var versions = $"SELECT string_agg(xmin::text || ':' || \"Digest\", ',' ORDER BY \"Id\") FROM digest_observations WHERE \"ClusterId\" = '{cluster}'";
        var before = await fx.Database.ScalarAsync(versions);

        var second = await _api.ScanAndWaitAsync(cluster);
        Assert.Equal(before, await fx.Database.ScalarAsync(versions)); // running on unchanged: not rewritten
        var workloadId = (await _api.FindingsAsync(cluster)).First()!["workloadId"]!.GetValue<Guid>();
        var url = $"/api/v1/clusters/{cluster}/workloads/{workloadId}/digests";
        var a = JsonNode.Parse(await _api.Http.GetStringAsync(url))!.AsArray().Single()!;
        Assert.True(a["runningNow"]!.GetValue<bool>());
        Assert.Equal(second["finishedAt"]!.GetValue<DateTimeOffset>(), a["lastSeen"]!.GetValue<DateTimeOffset>());

        Serve(B, B);
        await _api.ScanAndWaitAsync(cluster);
        var afterMove = JsonNode.Parse(await _api.Http.GetStringAsync(url))!.AsArray().ToDictionary(h => h!["digest"]!.GetValue<string>());
        Assert.False(afterMove[A]!["runningNow"]!.GetValue<bool>());
        Assert.Equal(second["finishedAt"]!.GetValue<DateTimeOffset>(), afterMove[A]!["lastSeen"]!.GetValue<DateTimeOffset>());
        Assert.True(afterMove[B]!["runningNow"]!.GetValue<bool>());

        Serve(A, A);
        await _api.ScanAndWaitAsync(cluster);
        var back = JsonNode.Parse(await _api.Http.GetStringAsync(url))!.AsArray().ToDictionary(h => h!["digest"]!.GetValue<string>());
        Assert.Equal(2, back.Count); // A came back on its own row
        Assert.True(back[A]!["runningNow"]!.GetValue<bool>());
        Assert.Equal(a["firstSeen"]!.GetValue<DateTimeOffset>(), back[A]!["firstSeen"]!.GetValue<DateTimeOffset>());
        Assert.False(back[B]!["runningNow"]!.GetValue<bool>());
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
