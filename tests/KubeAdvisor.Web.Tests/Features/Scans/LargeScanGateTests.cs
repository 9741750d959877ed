using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>At most one large scan per process holds its memory at a time; small ones never wait (decision 0038).</summary>
[Collection(WebAppCollection.Name)]
public sealed class LargeScanGateTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;

    private IDbContextFactory<KubeAdvisorDbContext> Factory => fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task EnterAsync_TwoLargeScans_TheSecondWaitsUntilTheFirstReleases_ASmallOneNeverWaits()
    {
        var gate = new LargeScanGate();
        var first = await gate.EnterAsync(LargeScanGate.MinWorkloads, CancellationToken.None);
        Assert.NotNull(first);

        var second = gate.EnterAsync(50_000, CancellationToken.None);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, gate.Waiting);
        Assert.Null(await gate.EnterAsync(LargeScanGate.MinWorkloads - 1, CancellationToken.None)); // small: at once, no permit

        first.Dispose();
        first.Dispose(); // a permit is released once
        using var held = await second;
        Assert.NotNull(held);
        Assert.Equal(0, gate.Waiting);
        Assert.False(gate.EnterAsync(LargeScanGate.MinWorkloads, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task EnterAsync_Cancelled_StopsWaitingAndTakesNoPermit()
    {
        var gate = new LargeScanGate();
        using var first = await gate.EnterAsync(LargeScanGate.MinWorkloads, CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var waiting = gate.EnterAsync(LargeScanGate.MinWorkloads, cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task StoreAsync_LargeSnapshotWhileAnotherHoldsThePermit_WaitsThenStores()
    {
        var (gate, processor, cluster, scanId, snapshot) = await LargeScanAsync();
        Assert.Equal(0, await KnownSizeAsync(cluster));

        var other = await gate.EnterAsync(3, CancellationToken.None);
        var store = processor.StoreAsync(scanId, snapshot, 1.0, CancellationToken.None);
        while (gate.Waiting == 0)
        {
            Assert.False(store.IsCompleted, "the store finished without the permit");
            await Task.Delay(10);
        }

        Assert.Equal(ScanStatus.Running, await StatusAsync(scanId));
        other!.Dispose();
        await store;

        Assert.Equal(ScanStatus.Succeeded, await StatusAsync(scanId));
        Assert.Equal(3, await KnownSizeAsync(cluster));
        var again = gate.EnterAsync(3, CancellationToken.None);
        Assert.True(again.IsCompleted, "the store kept its permit");
        (await again)!.Dispose();
    }

    [Fact]
    public async Task StoreAsync_CallerHoldsThePermit_DoesNotWaitForItAgain()
    {
        var (gate, processor, _, scanId, snapshot) = await LargeScanAsync();

        using (await gate.EnterAsync(3, CancellationToken.None))
        {
            await processor.StoreAsync(scanId, snapshot, 1.0, null, CancellationToken.None, gateHeld: true);
        }

        Assert.Equal(ScanStatus.Succeeded, await StatusAsync(scanId));
    }

    [Fact]
    public async Task LargeScan_CollectsTheWholeHeapBetweenItsPhases()
    {
        // Decision 0043: after collecting (before the previous state is read) and after evaluating (before storing).
        var (gate, processor, cluster, scanId, snapshot) = await LargeScanAsync();

        var before = GC.CollectionCount(GC.MaxGeneration);
        using (await gate.EnterAsync(3, CancellationToken.None))
        {
            var baseline = await processor.PrefetchAsync(cluster, CancellationToken.None, snapshot);
            await processor.StoreAsync(scanId, snapshot, 1.0, baseline, CancellationToken.None, gateHeld: true);
        }

        Assert.True(GC.CollectionCount(GC.MaxGeneration) - before >= 2, "a large scan collects after collecting and after evaluating");
        Assert.Equal(ScanStatus.Succeeded, await StatusAsync(scanId));
    }

    /// <summary>A processor whose gate calls the basic cluster (3 workloads) large, a new cluster, its running scan and a snapshot.</summary>
    private async Task<(LargeScanGate Gate, ScanProcessor Processor, Guid Cluster, Guid ScanId, ClusterSnapshot Snapshot)> LargeScanAsync()
    {
        var gate = new LargeScanGate(minWorkloads: 2);
        var processor = new ScanProcessor(Factory, fx.App.Services.GetRequiredService<ScanStore>(), TimeProvider.System, gate);
        var cluster = await ClusterAsync();
        return (gate, processor, cluster, await DirectScans.AddRunningScanAsync(Factory, cluster), await DirectScans.CollectAsync(_fake));
    }

    private async Task<Guid> ClusterAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        var cluster = new Cluster
        {
            Id = Guid.NewGuid(), Name = "gate-" + Guid.NewGuid().ToString("N")[..8], ConnectionType = ConnectionType.Agent, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Clusters.Add(cluster);
        await db.SaveChangesAsync();
        return cluster.Id;
    }

    private async Task<int> KnownSizeAsync(Guid cluster)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await LargeScanGate.KnownSizeAsync(db, cluster, CancellationToken.None);
    }

    private async Task<ScanStatus> StatusAsync(Guid scanId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Scans.Where(s => s.Id == scanId).Select(s => s.Status).SingleAsync();
    }
}
