using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Kubeconfig;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>The store path with a baseline read while collecting, as ScanJob runs it.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ScanProcessorTests(WebAppFixture fx) : IAsyncLifetime
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

    [Fact]
    public async Task StoreAsync_ClusterDeletedAfterThePrefetch_FailsCleanlyAndWritesNothing()
    {
        var cluster = await _api.AddClusterAsync("prefetch-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        await _api.ScanAndWaitAsync(cluster);
        var processor = fx.App.Services.GetRequiredService<ScanProcessor>();
        var scanId = await AddRunningScanAsync(cluster);
        var baseline = await processor.PrefetchAsync(cluster, CancellationToken.None);
        Assert.Equal(3, baseline.Workloads.Count);
        Assert.Equal(2, baseline.OpenFindings.Count);
        var snapshot = await CollectAsync();

        var deleted = await _api.Http.DeleteAsync($"/api/v1/clusters/{cluster}");
        Assert.True(deleted.IsSuccessStatusCode);
        var failure = await Assert.ThrowsAsync<ClusterScanException>(
            () => processor.StoreAsync(scanId, snapshot, 1.0, baseline, CancellationToken.None));

        Assert.False(failure.IsTransient);
        Assert.Contains("deleted", failure.Message);
        foreach (var table in new[] { "scans", "workloads", "findings", "digest_observations", "scan_summaries", "score_samples", "daily_rollups" })
        {
            Assert.Equal(0L, await fx.Database.ScalarAsync($"SELECT count(*) FROM {table} WHERE \"ClusterId\" = '{cluster}'"));
        }
    }

    [Fact]
    public async Task StoreAsync_WithAPrefetchedBaseline_StoresWhatTheAgentPathStores()
    {
        var cluster = await _api.AddClusterAsync("prefetch-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        var first = await _api.ScanAndWaitAsync(cluster);
        var processor = fx.App.Services.GetRequiredService<ScanProcessor>();
        var scanId = await AddRunningScanAsync(cluster);
        var baseline = await processor.PrefetchAsync(cluster, CancellationToken.None);

        await processor.StoreAsync(scanId, await CollectAsync(), 1.0, baseline, CancellationToken.None);

        var scan = JsonScan(await _api.Http.GetStringAsync($"/api/v1/scans/{scanId}"));
        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
        Assert.Equal(0, scan["introduced"]!.GetValue<int>());
        Assert.Equal(first["failed"]!.GetValue<int>(), scan["failed"]!.GetValue<int>());
        var findings = await _api.FindingsAsync(cluster);
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(scan["finishedAt"]!.GetValue<DateTimeOffset>(), f!["lastSeen"]!.GetValue<DateTimeOffset>(), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task PrefetchAsync_WorkloadsAndOpenFindings_HashWhatIsStoredAndShareRepeatedTexts()
    {
        var cluster = await _api.AddClusterAsync("prefetch-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());
        await _api.ScanAndWaitAsync(cluster);
        var processor = fx.App.Services.GetRequiredService<ScanProcessor>();

        var baseline = await processor.PrefetchAsync(cluster, CancellationToken.None);

        var factory = fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var findings = await db.Findings.AsNoTracking().Where(f => f.ClusterId == cluster && f.IsOpen).ToDictionaryAsync(f => f.Id);
        Assert.Equal(findings.Count, baseline.OpenFindings.Count);
        var hash = new ContentHash();
        foreach (var read in baseline.OpenFindings)
        {
            var f = findings[read.Id];
            Assert.Equal((f.Fingerprint, f.Kind, f.PolicyId, f.LastSeen, f.LastScanId), (read.Fingerprint, read.Kind, read.PolicyId, read.LastSeen, read.LastScanId));
            Assert.Equal(StoredFinding.Hash(hash, f.WorkloadId, f.Namespace, f.Kind, f.WorkloadName, f.Container, f.ContainerType, f.Image, f.Severity,
                f.Message, f.Remediation, f.ResolvedAt), read.Content);
        }

        var workloads = await db.Workloads.AsNoTracking().Where(w => w.ClusterId == cluster).ToDictionaryAsync(w => w.Id);
        Assert.Equal(workloads.Count, baseline.Workloads.Count);
        foreach (var read in baseline.Workloads)
        {
            var w = workloads[read.Id];
            Assert.Equal((w.Uid, w.Kind, w.GoneAt is not null, w.LastSeen), (read.Uid, read.Kind, read.IsGone, read.LastSeen));
            Assert.Equal(StoredWorkload.Hash(hash, w.Kind, w.Namespace, w.Name, w.Replicas, w.AnnotationsJson, w.ContainersJson, w.LabelsJson, w.TeamId),
                read.Content);
        }

        var deployments = baseline.Workloads.Where(w => w.Kind == "Deployment").ToList();
        Assert.True(deployments.Count >= 2);
        Assert.All(deployments, w => Assert.Same(deployments[0].Kind, w.Kind));
        Assert.All(baseline.OpenFindings, f => Assert.Same(deployments[0].Kind, f.Kind));
    }

    private static System.Text.Json.Nodes.JsonObject JsonScan(string body) => System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();

    private Task<Guid> AddRunningScanAsync(Guid clusterId) =>
        DirectScans.AddRunningScanAsync(fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>(), clusterId);

    private Task<ClusterSnapshot> CollectAsync() => DirectScans.CollectAsync(_fake);
}
