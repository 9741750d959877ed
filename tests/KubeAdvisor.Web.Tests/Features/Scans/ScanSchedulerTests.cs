using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>
/// "Scan now" while a scan is running: a live scan (its worker holds the cluster lock) is the answer; a dead one (the
/// lock is free: its process stopped) is marked interrupted and a new scan is queued at once, not 36 minutes later.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ScanSchedulerTests(WebAppFixture fx) : IAsyncLifetime
{
    private FakeKubernetesServer _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubernetesServer.StartAsync();
        _fake.Objects.ReplaceFromYaml(KubeAdvisor.Testing.FakeClusterManifests.Basic());
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task ScanNow_RunningScanWhoseLockIsHeld_AnswersAlreadyActive()
    {
        var (clusterId, running) = await ClusterWithRunningScanAsync();
        await using var worker = new NpgsqlConnection(fx.Database.ConnectionString);
        await worker.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({ClusterScanLock.KeyOf(clusterId)})", worker))
        {
            await take.ExecuteNonQueryAsync();
        }

        var answer = await ScanNowAsync(clusterId);

        Assert.True(answer["alreadyActive"]!.GetValue<bool>());
        Assert.Equal(running, answer["scanId"]!.GetValue<Guid>());
        Assert.Equal(ScanStatus.Running, (await ScanAsync(running)).Status);
    }

    [Fact]
    public async Task ScanNow_RunningScanWhoseLockIsFree_FailsItAsInterruptedAndQueuesANewScan()
    {
        var (clusterId, dead) = await ClusterWithRunningScanAsync();

        var answer = await ScanNowAsync(clusterId);

        Assert.False(answer["alreadyActive"]!.GetValue<bool>());
        Assert.NotEqual(dead, answer["scanId"]!.GetValue<Guid>());
        var abandoned = await ScanAsync(dead);
        Assert.Equal(ScanStatus.Failed, abandoned.Status);
        Assert.Contains("Attempt 1 was interrupted", abandoned.Error, StringComparison.Ordinal);
        var next = await ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken).WaitForScanAsync(answer["scanId"]!.GetValue<Guid>());
        Assert.Equal("Succeeded", next["status"]!.GetValue<string>());
    }

    private async Task<(Guid ClusterId, Guid ScanId)> ClusterWithRunningScanAsync()
    {
        var api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
        var clusterId = await api.AddClusterAsync("dead-" + Guid.NewGuid().ToString("N")[..6], _fake.Kubeconfig(), intervalMinutes: 1440);
        var factory = fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var scan = new Scan
        {
            Id = Guid.NewGuid(), ClusterId = clusterId, Trigger = ScanTrigger.Api, Status = ScanStatus.Running, RequestedBy = "test",
            QueuedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow, Attempts = 1,
        };
        db.Scans.Add(scan);
        await db.SaveChangesAsync();
        return (clusterId, scan.Id);
    }

    private async Task<JsonObject> ScanNowAsync(Guid clusterId)
    {
        var api = ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken);
        var response = await api.Http.PostAsync($"/api/v1/clusters/{clusterId}/scans", null);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<Scan> ScanAsync(Guid scanId)
    {
        var factory = fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Scans.AsNoTracking().SingleAsync(s => s.Id == scanId);
    }
}
