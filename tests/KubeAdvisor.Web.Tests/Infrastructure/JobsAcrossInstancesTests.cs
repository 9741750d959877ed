using KubeAdvisor.DemoCluster;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Web.Tests.Support;

namespace KubeAdvisor.Web.Tests.Infrastructure;

/// <summary>Hangfire on PostgreSQL: jobs survive a restart, and two instances on one database run each job once.</summary>
[Collection(WebAppCollection.Name)]
public sealed class JobsAcrossInstancesTests(WebAppFixture fx)
{
    [Fact]
    public async Task QueuedScan_ProcessStopsBeforeRunningIt_NextProcessRunsIt()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        await using var db = await PostgresDatabase.CreateAsync();
        Guid scanId;
        await using (var withoutWorkers = new KubeAdvisorAppFactory(db.ConnectionString, new Dictionary<string, string?> { ["HANGFIRE_WORKERS"] = "0" }))
        {
            var api = ApiClient.WithToken(withoutWorkers, KubeAdvisorAppFactory.BootstrapToken);
            scanId = await api.StartScanAsync(await api.AddClusterAsync("restart", fake.Kubeconfig()));
        }

        await using var restarted = new KubeAdvisorAppFactory(db.ConnectionString);
        var scan = await ApiClient.WithToken(restarted, KubeAdvisorAppFactory.BootstrapToken).WaitForScanAsync(scanId);

        Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabase_RunEveryScanJobOnce()
    {
        await using var fake = await FakeKubernetesServer.StartAsync();
        fake.Objects.ReplaceFromYaml(FakeClusterManifests.Basic());
        await using var second = new KubeAdvisorAppFactory(fx.Database.ConnectionString);
        var apis = new[] { ApiClient.WithToken(fx.App, KubeAdvisorAppFactory.BootstrapToken), ApiClient.WithToken(second, KubeAdvisorAppFactory.BootstrapToken) };

        var scanIds = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var api = apis[i % 2];
            scanIds.Add(await api.StartScanAsync(await api.AddClusterAsync($"twice-{Guid.NewGuid():N}"[..14], fake.Kubeconfig())));
        }

        foreach (var id in scanIds)
        {
            var scan = await apis[0].WaitForScanAsync(id);
            Assert.Equal("Succeeded", scan["status"]!.GetValue<string>());
            Assert.Equal(1, scan["attempts"]!.GetValue<int>());
        }

        Assert.True((long)(await fx.Database.ScalarAsync("SELECT count(*) FROM hangfire.server"))! >= 2);
        var processedTwice = await fx.Database.ScalarAsync(
            "SELECT count(*) FROM (SELECT jobid FROM hangfire.state WHERE name = 'Processing' GROUP BY jobid HAVING count(*) > 1) t");
        Assert.Equal(0L, processedTwice);
    }
}
