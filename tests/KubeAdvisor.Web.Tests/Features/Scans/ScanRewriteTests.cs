using KubeAdvisor.Data;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>
/// An update scan compares hashes of what it would write with the previous state's (decision 0041) and writes changed
/// rows back by id: a change in any one column reaches its row, and nothing else is rewritten.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ScanRewriteTests(WebAppFixture fx) : IAsyncLifetime
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
    public async Task Rescan_LabelOnlyChange_RewritesThatWorkloadAloneAsSeenByTheNewScan()
    {
        var cluster = await AddClusterAsync();
        await _api.ScanAndWaitAsync(cluster);
        var before = await VersionsAsync(cluster);
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Join(
            FakeClusterManifests.Deployment("shop", "web", "nginx").Replace("labels: { app: web }", "labels: { app: web, tier: front }"),
            FakeClusterManifests.Deployment("shop", "api", "registry.example.com/shop/api:latest"),
            FakeClusterManifests.Deployment("payments", "ledger", "registry.example.com/payments/ledger:2.4.1")));

        var second = await _api.ScanAndWaitAsync(cluster);

        var web = await WorkloadAsync(cluster, "web");
        Assert.Contains("\"tier\": \"front\"", web.LabelsJson);
        Assert.Equal(second["finishedAt"]!.GetValue<DateTimeOffset>(), web.LastSeen, TimeSpan.FromSeconds(1));
        var after = await VersionsAsync(cluster);
        Assert.NotEqual(before.Workloads["web"], after.Workloads["web"]);
        Assert.Equal(before.Workloads["api"], after.Workloads["api"]);
        Assert.Equal(before.Workloads["ledger"], after.Workloads["ledger"]);
        Assert.Equal(before.Findings, after.Findings);
    }

    [Fact]
    public async Task Rescan_ContainerImageChangeWithoutFinding_RewritesTheContainersOnly()
    {
        var cluster = await AddClusterAsync();
        await _api.ScanAndWaitAsync(cluster);
        var before = await VersionsAsync(cluster);
        var ledgerBefore = await WorkloadAsync(cluster, "ledger");
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic().Replace("ledger:2.4.1", "ledger:2.4.2"));

        await _api.ScanAndWaitAsync(cluster);

        var ledger = await WorkloadAsync(cluster, "ledger");
        Assert.Contains("registry.example.com/payments/ledger:2.4.2", ledger.ContainersJson);
        Assert.Equal((ledgerBefore.Id, ledgerBefore.FirstSeen, ledgerBefore.LabelsJson), (ledger.Id, ledger.FirstSeen, ledger.LabelsJson));
        var after = await VersionsAsync(cluster);
        Assert.NotEqual(before.Workloads["ledger"], after.Workloads["ledger"]);
        Assert.Equal(before.Workloads["web"], after.Workloads["web"]);
        Assert.Equal(before.Findings, after.Findings);
    }

    [Fact]
    public async Task Rescan_WorkloadBackAfterItWasGone_KeepsItsRowAndFirstSeen()
    {
        var cluster = await AddClusterAsync();
        await _api.ScanAndWaitAsync(cluster);
        var first = await WorkloadAsync(cluster, "ledger");
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic().Replace("name: ledger", "name: ledger-v2").Replace("uid-payments-ledger", "uid-payments-ledger-v2"));
        await _api.ScanAndWaitAsync(cluster);
        Assert.NotNull((await WorkloadAsync(cluster, "ledger")).GoneAt);

        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        await _api.ScanAndWaitAsync(cluster);

        var back = await WorkloadAsync(cluster, "ledger");
        Assert.Equal((first.Id, first.FirstSeen, first.ContainersJson), (back.Id, back.FirstSeen, back.ContainersJson));
        Assert.Null(back.GoneAt);
        Assert.NotNull((await WorkloadAsync(cluster, "ledger-v2")).GoneAt);
    }

    [Fact]
    public async Task Rescan_FindingBackWithinTheFlapWindow_ReopensItsRowKeepingTheScanThatIntroducedIt()
    {
        var cluster = await AddClusterAsync();
        var first = await _api.ScanAndWaitAsync(cluster);
        var opened = await FindingAsync(cluster, "image-tag-missing");
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic().Replace("image: \"nginx\"", "image: \"nginx:1.27.2\""));
        var second = await _api.ScanAndWaitAsync(cluster);
        var resolved = await FindingAsync(cluster, "image-tag-missing");
        Assert.Equal((false, second["id"]!.GetValue<Guid>()), (resolved.IsOpen, resolved.FixedByScanId));

        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        var third = await _api.ScanAndWaitAsync(cluster);

        var reopened = await FindingAsync(cluster, "image-tag-missing");
        Assert.Equal(1, third["introduced"]!.GetValue<int>());
        Assert.Equal((opened.Id, opened.FirstSeen, opened.Message), (reopened.Id, reopened.FirstSeen, reopened.Message));
        Assert.True(reopened.IsOpen);
        Assert.Null(reopened.ResolvedAt);
        Assert.Null(reopened.FixedByScanId);
        Assert.Equal(first["id"]!.GetValue<Guid>(), reopened.IntroducedByScanId);
        Assert.Equal(third["id"]!.GetValue<Guid>(), reopened.LastScanId);
    }

    [Fact]
    public async Task UpdateAsync_JsonbThatMeansTheSamePrintedOtherwise_LeavesTheRowAsItIs()
    {
        var cluster = await AddClusterAsync();
        await _api.ScanAndWaitAsync(cluster);
        var web = await WorkloadAsync(cluster, "web");
        var version = await VersionAsync(web.Id);
        var factory = fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();
        var sameMeaning = Copy(web, containers: web.ContainersJson.Replace(", ", ",").Replace(": ", ":"));
        var changed = Copy(web, containers: web.ContainersJson.Replace("nginx", "nginx:1.27.2"));
        Assert.NotEqual(web.ContainersJson, sameMeaning.ContainersJson);

        await using (var db = await factory.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkCopy.UpdateAsync(db, [sameMeaning], StoredWorkload.ContentColumns, [nameof(WorkloadRecord.LastSeen)], CancellationToken.None);
            await tx.CommitAsync();
        }

        Assert.Equal(version, await VersionAsync(web.Id));
        Assert.Equal(web.LastSeen, (await WorkloadAsync(cluster, "web")).LastSeen);

        await using (var db = await factory.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkCopy.UpdateAsync(db, [changed], StoredWorkload.ContentColumns, [nameof(WorkloadRecord.LastSeen)], CancellationToken.None);
            await tx.CommitAsync();
        }

        var written = await WorkloadAsync(cluster, "web");
        Assert.Contains("nginx:1.27.2", written.ContainersJson);
        Assert.Equal(changed.LastSeen, written.LastSeen);
        Assert.Equal(web.FirstSeen, written.FirstSeen);
    }

    private Task<Guid> AddClusterAsync() => _api.AddClusterAsync("rewrite-" + Guid.NewGuid().ToString("N")[..8], _fake.Kubeconfig());

    private static WorkloadRecord Copy(WorkloadRecord w, string containers) => new()
    {
        Id = w.Id, ClusterId = w.ClusterId, Uid = w.Uid, Kind = w.Kind, Namespace = w.Namespace, Name = w.Name, Replicas = w.Replicas,
        AnnotationsJson = w.AnnotationsJson, ContainersJson = containers, LabelsJson = w.LabelsJson, TeamId = w.TeamId,
        FirstSeen = DateTimeOffset.UnixEpoch, LastSeen = w.LastSeen.AddHours(1),
    };

    private async Task<WorkloadRecord> WorkloadAsync(Guid cluster, string name)
    {
        await using var db = await fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>().CreateDbContextAsync();
        return await db.Workloads.AsNoTracking().SingleAsync(w => w.ClusterId == cluster && w.Name == name);
    }

    private async Task<FindingRecord> FindingAsync(Guid cluster, string policy)
    {
        await using var db = await fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>().CreateDbContextAsync();
        return await db.Findings.AsNoTracking().SingleAsync(f => f.ClusterId == cluster && f.PolicyId == policy);
    }

    private async Task<string> VersionAsync(Guid workloadId) =>
        (string)(await fx.Database.ScalarAsync($"SELECT xmin::text FROM workloads WHERE \"Id\" = '{workloadId}'"))!;

    /// <summary>Row versions (PostgreSQL gives every rewritten row a new xmin): workloads by name, findings all together.</summary>
    private async Task<(Dictionary<string, string> Workloads, string Findings)> VersionsAsync(Guid cluster)
    {
        var workloads = (string)(await fx.Database.ScalarAsync(
            $"SELECT string_agg(\"Name\" || '=' || xmin::text, ',') FROM workloads WHERE \"ClusterId\" = '{cluster}'"))!;
        var findings = (string)(await fx.Database.ScalarAsync(
            $"SELECT string_agg(xmin::text, ',' ORDER BY \"Id\") FROM findings WHERE \"ClusterId\" = '{cluster}'"))!;
        return (workloads.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]), findings);
    }
}
