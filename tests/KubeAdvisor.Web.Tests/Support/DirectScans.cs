using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.DemoCluster;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Kubeconfig;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Tests.Support;

/// <summary>
/// Runs the store half of a scan without the job queue, as ScanJob does: a running scan row, then a collection from a
/// fake API server over HTTPS. Tests that move time build their own ScanProcessor with a FakeTimeProvider.
/// </summary>
internal static class DirectScans
{
    public static async Task<Guid> AddRunningScanAsync(IDbContextFactory<KubeAdvisorDbContext> factory, Guid clusterId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var scan = new Scan
        {
            Id = Guid.CreateVersion7(), ClusterId = clusterId, Trigger = ScanTrigger.Manual, Status = ScanStatus.Running,
            RequestedBy = "test", QueuedAt = now, StartedAt = now, Attempts = 1,
        };
        db.Scans.Add(scan);
        await db.SaveChangesAsync();
        return scan.Id;
    }

    public static async Task<ClusterSnapshot> CollectAsync(FakeKubernetesServer fake)
    {
        var validation = new KubeconfigValidator().Validate(fake.Kubeconfig(), null, new KubeconfigPolicy(AllowedHosts: ["127.0.0.0/8"]));
        Assert.True(validation.IsValid, string.Join(" ", validation.Errors));
        using var client = KubernetesClientFactory.CreateClient(validation.Config!, TimeSpan.FromSeconds(30));
        return await new ClusterCollector(TimeProvider.System, new ClusterCollectorOptions()).CollectAsync(client, CancellationToken.None);
    }
}
