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
}
