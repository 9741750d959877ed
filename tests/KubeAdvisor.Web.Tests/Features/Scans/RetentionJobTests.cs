using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Scans;

/// <summary>Retention prunes old per-scan detail and old rollups, and never a cluster's latest result.</summary>
[Collection(WebAppCollection.Name)]
public sealed class RetentionJobTests(WebAppFixture fx)
{
    [Fact]
    public async Task Run_OldDetailAndRollups_ArePruned_RecentAndLatestAreKept()
    {
        var now = DateTimeOffset.UtcNow;
        var factory = fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();
        var cluster = new Cluster { Id = Guid.NewGuid(), Name = "retention-" + Guid.NewGuid().ToString("N")[..6], CreatedAt = now.AddYears(-3) };
        Scan NewScan(int daysAgo) => new()
        {
            Id = Guid.NewGuid(), ClusterId = cluster.Id, Status = ScanStatus.Succeeded, QueuedAt = now.AddDays(-daysAgo), FinishedAt = now.AddDays(-daysAgo),
        };
        var oldScan = NewScan(120);
        var latestButOld = NewScan(100);
        var recentScan = NewScan(5);
        cluster.LastSucceededScanId = latestButOld.Id;
        FindingRecord Finding(string fp, bool open, int resolvedDaysAgo) => new()
        {
            ClusterId = cluster.Id, Fingerprint = fp, Namespace = "ns", Kind = "Deployment", WorkloadName = "w", PolicyId = "image-tag-latest",
            Message = "m", Remediation = "r", IsOpen = open, FirstSeen = now.AddDays(-200), LastSeen = now, ResolvedAt = open ? null : now.AddDays(-resolvedDaysAgo),
            LastScanId = recentScan.Id,
        };

        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Clusters.Add(cluster);
            db.Scans.AddRange(oldScan, latestButOld, recentScan);
            db.Findings.AddRange(Finding("old-resolved", false, 100), Finding("recent-resolved", false, 10), Finding("open", true, 0));
            db.DailyRollups.AddRange(
                new DailyRollup { ClusterId = cluster.Id, Day = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-800)), Scans = 1 },
                new DailyRollup { ClusterId = cluster.Id, Day = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-400)), Scans = 1 });
            await db.SaveChangesAsync();
        }

        await fx.App.Services.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);

        await using var check = await factory.CreateDbContextAsync();
        var scans = await check.Scans.Where(s => s.ClusterId == cluster.Id).Select(s => s.Id).ToListAsync();
        Assert.Equal(new[] { latestButOld.Id, recentScan.Id }.Order(), scans.Order());
        var findings = await check.Findings.Where(f => f.ClusterId == cluster.Id).Select(f => f.Fingerprint).ToListAsync();
        Assert.Equal(["open", "recent-resolved"], findings.Order());
        var days = await check.DailyRollups.Where(r => r.ClusterId == cluster.Id).CountAsync();
        Assert.Equal(1, days);
    }

    [Fact]
    public async Task Run_ClusterBeingScanned_KeepsItsOldWorkloadsAndDigestsUntilTheNextRun()
    {
        var now = DateTimeOffset.UtcNow;
        var factory = fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();
        Cluster NewCluster() => new() { Id = Guid.NewGuid(), Name = "retention-" + Guid.NewGuid().ToString("N")[..6], CreatedAt = now.AddYears(-1) };
        var scanned = NewCluster();
        var idle = NewCluster();
        var running = new Scan { Id = Guid.NewGuid(), ClusterId = scanned.Id, Status = ScanStatus.Running, QueuedAt = now, StartedAt = now };
        var old = new Scan { Id = Guid.NewGuid(), ClusterId = idle.Id, Status = ScanStatus.Succeeded, QueuedAt = now.AddDays(-1), FinishedAt = now.AddDays(-1) };
        WorkloadRecord Gone(Cluster c) => new()
        {
            Id = Guid.NewGuid(), ClusterId = c.Id, Uid = Guid.NewGuid().ToString(), Kind = "Deployment", Namespace = "ns", Name = "gone",
            FirstSeen = now.AddDays(-300), LastSeen = now.AddDays(-200), GoneAt = now.AddDays(-200),
        };
        DigestObservation Stale(Cluster c, Guid scanId) => new()
        {
            ClusterId = c.Id, WorkloadUid = "u", ContainerType = "Regular", Container = "c", Image = "nginx:latest",
            Digest = "sha256:" + new string('a', 64), FirstSeen = now.AddDays(-300), LastSeen = now.AddDays(-200), LastScanId = scanId, PodCount = 1,
            GoneAt = now.AddDays(-200),
        };
        // Runs on unchanged since long ago: its row is not rewritten by scans, so its stored LastSeen is old, but it is not history.
        var stillRunning = Stale(idle, old.Id);
        stillRunning.Digest = "sha256:" + new string('b', 64);
        stillRunning.GoneAt = null;

        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Clusters.AddRange(scanned, idle);
            db.Scans.AddRange(running, old);
            db.Workloads.AddRange(Gone(scanned), Gone(idle));
            db.DigestObservations.AddRange(Stale(scanned, running.Id), Stale(idle, old.Id), stillRunning);
            await db.SaveChangesAsync();
        }

        await fx.App.Services.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);

        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(1, await check.Workloads.CountAsync(w => w.ClusterId == scanned.Id));
        Assert.Equal(1, await check.DigestObservations.CountAsync(d => d.ClusterId == scanned.Id));
        Assert.Equal(0, await check.Workloads.CountAsync(w => w.ClusterId == idle.Id));
        Assert.Equal([stillRunning.Digest], await check.DigestObservations.Where(d => d.ClusterId == idle.Id).Select(d => d.Digest).ToListAsync());
        await check.Clusters.Where(c => c.Id == scanned.Id || c.Id == idle.Id).ExecuteDeleteAsync(); // no running scan left behind
    }
}
