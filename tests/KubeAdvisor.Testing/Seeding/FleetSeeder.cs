using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Testing.Seeding;

/// <summary>
/// Four clusters for the fleet view, with known scores, changes and labels:
/// alpha (env=prod, 60/100 weight passes, 70 a week ago: -10, 1 critical + 2 high open, 1 resolved),
/// bravo (env=prod, 180/200 = 90, no rollup 7 or 8 days ago but 80 nine days ago: +10, 1 low open),
/// charlie (env=staging, 34/40 = 85, rollups of the last 3 days only: no change, last scan failed),
/// delta (no labels, never scanned).
/// </summary>
public static class FleetSeeder
{
    public sealed record Fleet(Guid Alpha, Guid Bravo, Guid Charlie, Guid Delta);

    public static async Task<Fleet> SeedAsync(string connectionString, DateTimeOffset now)
    {
        await using var db = DashboardSeeder.Context(connectionString);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var alpha = Cluster("alpha", """{"env":"prod","region":"eu"}""", now);
        var bravo = Cluster("bravo", """{"env":"prod","region":"us"}""", now);
        var charlie = Cluster("charlie", """{"env":"staging"}""", now);
        var delta = Cluster("delta", "{}", now);
        db.Clusters.AddRange(alpha, bravo, charlie, delta);
        await db.SaveChangesAsync();

        var scans = new[] { (alpha, 60d, 40d), (bravo, 180d, 20d), (charlie, 34d, 6d) }.Select(x =>
        {
            var scan = Scan(x.Item1.Id, ScanStatus.Succeeded, now.AddMinutes(-30));
            x.Item1.LastSucceededScanId = scan.Id;
            x.Item1.LastScanAt = scan.FinishedAt;
            db.Scans.Add(scan);
            db.ScoreSamples.Add(new ScoreSample
            {
                ScanId = scan.Id, ClusterId = x.Item1.Id, At = scan.FinishedAt!.Value, Namespace = "", Score = 100 * x.Item2 / (x.Item2 + x.Item3),
                PassedWeight = x.Item2, FailedWeight = x.Item3, FailedChecks = (int)x.Item3,
            });
            return scan;
        }).ToList();
        var failed = Scan(charlie.Id, ScanStatus.Failed, now.AddMinutes(-5));
        failed.Error = "401 Unauthorized: the token was rejected";
        charlie.LastScanAt = failed.FinishedAt;
        db.Scans.Add(failed);

        for (var d = 0; d <= 10; d++)
        {
            db.DailyRollups.Add(Rollup(alpha.Id, today.AddDays(-d), d == 7 ? 70 : 60 + d));
            if (d is not (7 or 8))
            {
                db.DailyRollups.Add(Rollup(bravo.Id, today.AddDays(-d), d == 9 ? 80 : 88));
            }

            if (d < 3)
            {
                db.DailyRollups.Add(Rollup(charlie.Id, today.AddDays(-d), 85));
            }
        }

        var workload = new WorkloadRecord { Id = Guid.NewGuid(), ClusterId = alpha.Id, Uid = "w1", Kind = "Deployment", Namespace = "shop", Name = "web", FirstSeen = now, LastSeen = now };
        var bravoWorkload = new WorkloadRecord { Id = Guid.NewGuid(), ClusterId = bravo.Id, Uid = "w2", Kind = "Deployment", Namespace = "shop", Name = "web", FirstSeen = now, LastSeen = now };
        db.Workloads.AddRange(workload, bravoWorkload);
        db.Findings.AddRange(
            Finding(workload, Severity.Critical, true, scans[0].Id, now),
            Finding(workload, Severity.High, true, scans[0].Id, now),
            Finding(workload, Severity.High, true, scans[0].Id, now),
            Finding(workload, Severity.High, false, scans[0].Id, now),
            Finding(bravoWorkload, Severity.Low, true, scans[1].Id, now));
        await db.SaveChangesAsync();
        return new Fleet(alpha.Id, bravo.Id, charlie.Id, delta.Id);
    }

    private static Cluster Cluster(string name, string labels, DateTimeOffset now) =>
        new() { Id = Guid.NewGuid(), Name = name, LabelsJson = labels, CreatedAt = now.AddDays(-30), ServerUrl = $"https://{name}.example:6443" };

    private static Scan Scan(Guid cluster, ScanStatus status, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(), ClusterId = cluster, Trigger = ScanTrigger.Scheduled, Status = status,
        QueuedAt = at.AddSeconds(-10), StartedAt = at.AddSeconds(-9), FinishedAt = at,
    };

    private static DailyRollup Rollup(Guid cluster, DateOnly day, double score) => new()
    {
        ClusterId = cluster, Day = day, Namespace = "", Score = score, PassedWeight = score, FailedWeight = 100 - score, Scans = 24,
    };

    private static FindingRecord Finding(WorkloadRecord w, Severity severity, bool open, Guid scan, DateTimeOffset now) => new()
    {
        ClusterId = w.ClusterId, WorkloadId = w.Id, Fingerprint = Guid.NewGuid().ToString("N"), Namespace = w.Namespace, Kind = w.Kind,
        WorkloadName = w.Name, Container = "app", ContainerType = ContainerType.Regular, Image = "nginx:latest", PolicyId = "image-tag-latest",
        Severity = severity, Message = "The image uses the tag 'latest'.", Remediation = "Pin the image.", IsOpen = open,
        FirstSeen = now.AddDays(-3), LastSeen = now, ResolvedAt = open ? null : now.AddDays(-1), LastScanId = scan,
    };
}
