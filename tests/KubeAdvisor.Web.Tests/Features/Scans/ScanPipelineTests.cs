using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>Kubeconfig scans end to end: fake API server over TLS → Hangfire job → PostgreSQL → HTTP API.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ScanPipelineTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;
    private ApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        _api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private Task<Guid> AddClusterAsync() => _api.AddClusterAsync("scan-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());

    [Fact]
    public async Task Scan_FakeCluster_StoresTheExpectedFindings()
    {
        var cluster = await AddClusterAsync();

        var scan = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        Assert.Equal(3, scan["workloads"]!.GetValue<int>());
        var findings = await _api.FindingsAsync(cluster);
        var pairs = findings.Select(f => $"{f!["namespace"]}/{f["name"]}:{f["policy"]}").Order().ToList();
        Assert.Equal(["shop/api:image-tag-latest", "shop/web:image-tag-missing"], pairs);
        var web = findings.Single(f => f!["name"]!.GetValue<string>() == "web")!;
        Assert.Equal("web", web["container"]!.GetValue<string>());
        Assert.Equal("nginx", web["image"]!.GetValue<string>());
        Assert.Equal("High", web["severity"]!.GetValue<string>());
        Assert.Equal(2, scan["introduced"]!.GetValue<int>());
        Assert.True(scan["score"]!.GetValue<double>() < 100);
    }

    [Fact]
    public async Task Rescan_AfterTheClusterChanged_CountsIntroducedAndFixed()
    {
        var cluster = await AddClusterAsync();
        await _api.ScanAndWaitAsync(cluster);

        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Join(
            FakeClusterManifests.Deployment("shop", "web", "nginx:1.27.2"),
            FakeClusterManifests.Deployment("shop", "api", "registry.example.com/shop/api:latest"),
            FakeClusterManifests.Deployment("payments", "ledger", "registry.example.com/payments/ledger")));
        var second = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal(1, second["introduced"]!.GetValue<int>());
        Assert.Equal(1, second["fixed"]!.GetValue<int>());
        var resolved = await _api.FindingsAsync(cluster, "status=resolved");
        Assert.Equal("web", Assert.Single(resolved)!["name"]!.GetValue<string>());
        Assert.NotNull(resolved[0]!["resolvedAt"]);
        var open = (await _api.FindingsAsync(cluster)).Select(f => f!["name"]!.GetValue<string>()).Order();
        Assert.Equal(["api", "ledger"], open);
    }

    [Fact]
    public async Task Rescan_NothingChanged_LeavesRowsUntouchedAndReportsTheNewScanAsLastSeen()
    {
        var cluster = await AddClusterAsync();
        await _api.ScanAndWaitAsync(cluster);
        var versions = $"SELECT string_agg(xmin::text, ',' ORDER BY \"Id\") FROM {{0}} WHERE \"ClusterId\" = '{cluster}'";
        var findingRows = await fx.Database.ScalarAsync(string.Format(versions, "findings"));
        var workloadRows = await fx.Database.ScalarAsync(string.Format(versions, "workloads"));

        var second = await _api.ScanAndWaitAsync(cluster);

        // No row version changed (PostgreSQL gives every rewritten row a new xmin) ...
        Assert.Equal(findingRows, await fx.Database.ScalarAsync(string.Format(versions, "findings")));
        Assert.Equal(workloadRows, await fx.Database.ScalarAsync(string.Format(versions, "workloads")));
        // ... yet every open finding reads as seen by the new scan.
        var finishedAt = second["finishedAt"]!.GetValue<DateTimeOffset>();
        var open = await _api.FindingsAsync(cluster);
        Assert.Equal(2, open.Count);
        Assert.All(open, f => Assert.Equal(finishedAt, f!["lastSeen"]!.GetValue<DateTimeOffset>()));
    }

    [Fact]
    public async Task Rescan_FindingResolved_KeepsThePreviousScanAsLastSeen()
    {
        var cluster = await AddClusterAsync();
        await _api.ScanAndWaitAsync(cluster);
        var middle = await _api.ScanAndWaitAsync(cluster);
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Join(
            FakeClusterManifests.Deployment("shop", "web", "nginx:1.27.2"),
            FakeClusterManifests.Deployment("shop", "api", "registry.example.com/shop/api:latest")));

        var last = await _api.ScanAndWaitAsync(cluster);

        var resolved = (await _api.FindingsAsync(cluster, "status=resolved")).Single()!;
        Assert.Equal(middle["finishedAt"]!.GetValue<DateTimeOffset>(), resolved["lastSeen"]!.GetValue<DateTimeOffset>());
        Assert.True(resolved["resolvedAt"]!.GetValue<DateTimeOffset>() > middle["finishedAt"]!.GetValue<DateTimeOffset>());
        var open = (await _api.FindingsAsync(cluster)).Single()!;
        Assert.Equal(last["finishedAt"]!.GetValue<DateTimeOffset>(), open["lastSeen"]!.GetValue<DateTimeOffset>());
        // payments/ledger is gone: its row keeps the previous scan as the last that saw it
        var goneLastSeen = await fx.Database.ScalarAsync(
            $"SELECT \"LastSeen\" FROM workloads WHERE \"ClusterId\" = '{cluster}' AND \"Name\" = 'ledger' AND \"GoneAt\" IS NOT NULL");
        Assert.Equal(middle["finishedAt"]!.GetValue<DateTimeOffset>(), new DateTimeOffset(Assert.IsType<DateTime>(goneLastSeen), TimeSpan.Zero));
    }

    [Fact]
    public async Task Rescan_FindingWhoseMessageChanged_IsUpdatedAndSeenAtTheNewScan()
    {
        var cluster = await AddClusterAsync();
        await _api.ScanAndWaitAsync(cluster);
        var first = (await _api.FindingsAsync(cluster, "policy=image-tag-latest")).Single()!;

        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Deployment("shop", "api", "registry.example.com/shop/api:LATEST"));
        await _api.ScanAndWaitAsync(cluster);
        var second = (await _api.FindingsAsync(cluster, "policy=image-tag-latest")).Single()!;

        Assert.Equal(first["id"]!.GetValue<long>(), second["id"]!.GetValue<long>());
        Assert.Equal("registry.example.com/shop/api:LATEST", second["image"]!.GetValue<string>());
        Assert.Contains("api:LATEST", second["message"]!.GetValue<string>());
        Assert.True(second["lastSeen"]!.GetValue<DateTimeOffset>() > first["lastSeen"]!.GetValue<DateTimeOffset>());
        Assert.Equal(first["firstSeen"]!.GetValue<DateTimeOffset>(), second["firstSeen"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Rescan_ResolvedFindingComesBack_IsReopenedWithItsFirstSeen()
    {
        var cluster = await AddClusterAsync();
        await _api.ScanAndWaitAsync(cluster);
        var first = (await _api.FindingsAsync(cluster, "policy=image-tag-missing")).Single()!;
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Join(
            FakeClusterManifests.Deployment("shop", "web", "nginx:1.27.2"),
            FakeClusterManifests.Deployment("shop", "api", "registry.example.com/shop/api:latest")));
        await _api.ScanAndWaitAsync(cluster);
        Assert.Empty(await _api.FindingsAsync(cluster, "policy=image-tag-missing"));

        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        var third = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal(1, third["introduced"]!.GetValue<int>());
        Assert.Equal(0, third["fixed"]!.GetValue<int>());
        var reopened = (await _api.FindingsAsync(cluster, "policy=image-tag-missing")).Single()!;
        Assert.Equal(first["id"]!.GetValue<long>(), reopened["id"]!.GetValue<long>());
        Assert.Equal(first["firstSeen"]!.GetValue<DateTimeOffset>(), reopened["firstSeen"]!.GetValue<DateTimeOffset>());
        Assert.True(reopened["lastSeen"]!.GetValue<DateTimeOffset>() > first["lastSeen"]!.GetValue<DateTimeOffset>());
        Assert.Null(reopened["resolvedAt"]);
        Assert.Empty(await _api.FindingsAsync(cluster, "status=resolved"));
    }

    [Fact]
    public async Task Scan_ForbiddenMidway_FailsWithoutRetryAndKeepsPreviousResults()
    {
        var cluster = await AddClusterAsync();
        await _api.ScanAndWaitAsync(cluster);
        var before = (await _api.FindingsAsync(cluster)).ToJsonString();

        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Deployment("shop", "web", "nginx:1.27.2"));
        _fake.Faults.ForbiddenResource = "pods"; // mandatory: an optional kind would make a partial scan (PartialScanTests)
        var failed = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal("Failed", failed["status"]!.GetValue<string>());
        Assert.Contains("pods", failed["error"]!.GetValue<string>());
        Assert.Contains("forbidden", failed["error"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, failed["attempts"]!.GetValue<int>());
        Assert.Equal(before, (await _api.FindingsAsync(cluster)).ToJsonString());
    }

    [Fact]
    public async Task Scan_RejectedToken_FailsAtOnceWithAnActionableMessage()
    {
        var cluster = await AddClusterAsync();
        _fake.Faults.Unauthorized = true;

        var failed = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal("Failed", failed["status"]!.GetValue<string>());
        Assert.Contains("401", failed["error"]!.GetValue<string>());
        Assert.Equal(1, failed["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Scan_ServerErrorsThenSuccess_IsRetriedAndSucceeds()
    {
        var cluster = await AddClusterAsync();
        _fake.Faults.ServerErrors(1);

        var scan = await _api.ScanAndWaitAsync(cluster);

        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        Assert.Equal(2, scan["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task ScanNow_TwiceAtTheSameTime_GivesOneScan()
    {
        var cluster = await AddClusterAsync();
        _fake.Faults.Delay = TimeSpan.FromMilliseconds(300);

        var ids = await Task.WhenAll(_api.StartScanAsync(cluster), _api.StartScanAsync(cluster));

        Assert.Equal(ids[0], ids[1]);
        await _api.WaitForScanAsync(ids[0]);
        var count = await fx.Database.ScalarAsync($"SELECT count(*) FROM scans WHERE \"ClusterId\" = '{cluster}'");
        Assert.Equal(1L, count);
    }
}
