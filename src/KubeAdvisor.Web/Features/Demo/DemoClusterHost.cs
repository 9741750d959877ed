using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Features.Scans;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Features.Demo;

/// <summary>
/// ./run.sh --demo: serves the sample manifests through the fake Kubernetes API server (HTTPS, bearer token,
/// paging — as a real API server would) inside this process, connects it as the cluster "demo" (labelled as a
/// demo in the UI) and scans it at once and every 5 minutes. The server gets a new port and CA at every start,
/// so the demo cluster's stored kubeconfig is replaced each time. Before that, the demo history is seeded once
/// (<see cref="DemoHistorySeeder"/>); the live cluster keeps scanning on top of it.
/// </summary>
public sealed class DemoClusterHost(
    IDbContextFactory<KubeAdvisorDbContext> dbFactory,
    KubeconfigProtector protector,
    ScanScheduler scheduler,
    DemoHistorySeeder history,
    AuditLog audit,
    TimeProvider time,
    ILogger<DemoClusterHost> logger) : IHostedService, IAsyncDisposable
{
    public const string ClusterName = "demo";
    private FakeKubernetesServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await history.SeedAsync(cancellationToken);
        _server = await FakeKubernetesServer.StartAsync(cancellationToken: cancellationToken);
        _server.Objects.Replace(DemoManifests.LoadAll());
        var kubeconfig = _server.Kubeconfig(ClusterName);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The live demo cluster; the seeded history's clusters are demo clusters too, but never connected.
        var cluster = await db.Clusters.SingleOrDefaultAsync(c => c.IsDemo && c.ConnectionType == ConnectionType.Kubeconfig, cancellationToken);
        if (cluster is null)
        {
            cluster = new Cluster { Id = Guid.NewGuid(), Name = ClusterName, IsDemo = true, CreatedAt = time.GetUtcNow(), ScanIntervalMinutes = 5 };
            db.Clusters.Add(cluster);
            audit.Add(db, "system", AuditActions.ClusterAdded, ClusterName, "demo cluster (./run.sh --demo)");
        }

        cluster.ConnectionType = ConnectionType.Kubeconfig;
        cluster.EncryptedKubeconfig = protector.Protect(kubeconfig);
        cluster.Context = ClusterName;
        cluster.ServerUrl = _server.BaseAddress.ToString();
        await db.SaveChangesAsync(cancellationToken);

        await scheduler.RequestAsync(cluster.Id, ScanTrigger.Manual, "demo", cancellationToken);
        logger.LogInformation("Demo cluster served at {Url} and connected as \"{Name}\"; its first scan is queued", _server.BaseAddress, ClusterName);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }
}
