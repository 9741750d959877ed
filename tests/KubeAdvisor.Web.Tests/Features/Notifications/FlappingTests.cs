using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KubeAdvisor.Web.Tests.Features.Notifications;

/// <summary>
/// Which scan introduced a finding, with the clock moved: a finding back within a day of being fixed flaps and keeps the
/// scan that introduced it (so findings-introduced does not announce it again); back after more than a day, it is new.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class FlappingTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow.AddDays(30));

    private IDbContextFactory<KubeAdvisorDbContext> Factory => fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();

    public async Task InitializeAsync() => _fake = await FakeKubernetesServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Reopened_WithinADay_KeepsTheScanThatIntroducedIt_AfterADay_IsIntroducedAgain()
    {
        var cluster = await ClusterAsync();
        var without = FakeClusterManifests.Join(FakeClusterManifests.Namespace("shop"), FakeClusterManifests.Deployment("shop", "web", "nginx"));

        var first = await ScanAsync(cluster, FakeClusterManifests.Basic());
        Assert.Equal<(Guid?, Guid?)>((first, null), await ApiFindingAsync(cluster));
        var web = await IntroducedAsync(cluster, "image-tag-missing");

        var fixedScan = await ScanAsync(cluster, without, TimeSpan.FromHours(1));
        Assert.Equal<(Guid?, Guid?)>((first, fixedScan), await ApiFindingAsync(cluster));

        await ScanAsync(cluster, FakeClusterManifests.Basic(), TimeSpan.FromHours(1)); // back after an hour: flapping
        Assert.Equal<(Guid?, Guid?)>((first, null), await ApiFindingAsync(cluster));

        await ScanAsync(cluster, without, TimeSpan.FromHours(1));
        var later = await ScanAsync(cluster, FakeClusterManifests.Basic(), FindingWriter.FlapWindow + TimeSpan.FromHours(1)); // back after 25 h: new
        Assert.Equal<(Guid?, Guid?)>((later, null), await ApiFindingAsync(cluster));
        Assert.Equal(web, await IntroducedAsync(cluster, "image-tag-missing")); // open all along: untouched
    }

    private async Task<Guid> ClusterAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        var cluster = new Cluster { Id = Guid.NewGuid(), Name = "flap-" + Guid.NewGuid().ToString("N")[..8], ConnectionType = ConnectionType.Agent, CreatedAt = _time.GetUtcNow() };
        db.Clusters.Add(cluster);
        await db.SaveChangesAsync();
        return cluster.Id;
    }

    private async Task<Guid> ScanAsync(Guid cluster, string manifests, TimeSpan? after = null)
    {
        _time.Advance(after ?? TimeSpan.Zero);
        _fake.Objects.ReplaceFromYaml(manifests);
        var processor = new ScanProcessor(Factory, new ScanStore(_time), _time);
        var scanId = await DirectScans.AddRunningScanAsync(Factory, cluster);
        await processor.StoreAsync(scanId, await DirectScans.CollectAsync(_fake), 1.0, CancellationToken.None);
        return scanId;
    }

    private async Task<(Guid? Introduced, Guid? Fixed)> ApiFindingAsync(Guid cluster)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var row = await db.Findings.AsNoTracking().SingleAsync(f => f.ClusterId == cluster && f.PolicyId == "image-tag-latest");
        return (row.IntroducedByScanId, row.FixedByScanId);
    }

    private async Task<Guid?> IntroducedAsync(Guid cluster, string policy)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Findings.Where(f => f.ClusterId == cluster && f.PolicyId == policy).Select(f => f.IntroducedByScanId).SingleAsync();
    }
}
