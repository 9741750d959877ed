using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Testing.Seeding;

/// <summary>
/// Dashboard data through the DbContext: "prod" (demo, scanned: namespaces shop and billing, a Deployment "web" running
/// nginx:latest, a StatefulSet "api", open and resolved findings, ten days of rollups) and "staging" (never scanned).
/// </summary>
public static class DashboardSeeder
{
    public static async Task<DashboardSeed> SeedAsync(string connectionString, DateTimeOffset now)
    {
        await using var db = Context(connectionString);
        var prod = new Cluster { Id = Guid.NewGuid(), Name = "prod", IsDemo = true, ServerUrl = "https://10.0.0.1:6443", Context = "prod", CreatedAt = now.AddDays(-20), LastScanAt = now.AddMinutes(-5) };
        var staging = new Cluster { Id = Guid.NewGuid(), Name = "staging", CreatedAt = now.AddDays(-1) };
        var scan = new Scan
        {
            Id = Guid.NewGuid(), ClusterId = prod.Id, Trigger = ScanTrigger.Scheduled, Status = ScanStatus.Succeeded,
            QueuedAt = now.AddMinutes(-6), StartedAt = now.AddMinutes(-6), FinishedAt = now.AddMinutes(-5),
            Workloads = 2, Containers = 3, Checks = 21, Passed = 17, Failed = 4, Score = 75, Introduced = 1, Fixed = 1,
        };
        var failed = new Scan
        {
            Id = Guid.NewGuid(), ClusterId = prod.Id, Trigger = ScanTrigger.Manual, Status = ScanStatus.Failed, RequestedBy = "admin@test.local",
            QueuedAt = now.AddHours(-2), StartedAt = now.AddHours(-2), FinishedAt = now.AddHours(-2).AddSeconds(3),
            Error = "401 Unauthorized: the token was rejected",
        };
        prod.LastSucceededScanId = scan.Id;
        db.Clusters.AddRange(prod, staging);
        db.Scans.AddRange(scan, failed);
        await db.SaveChangesAsync();

        var web = Workload(prod.Id, "shop", "Deployment", "web", now,
            """[{"name":"nginx","type":"Regular","image":"nginx:latest","imagePullPolicy":"Always"},{"name":"init-db","type":"Init","image":"ghcr.io/acme/migrate:1.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","imagePullPolicy":null}]""",
            """{"kubeadvisor.io/exempt":"image-digest-required"}""");
        var api = Workload(prod.Id, "billing", "StatefulSet", "api", now, """[{"name":"api","type":"Regular","image":"registry.internal:5000/billing/api","imagePullPolicy":null}]""", "{}");
        db.Workloads.AddRange(web, api);
        db.Findings.AddRange(
            Finding(prod.Id, web, "nginx", "nginx:latest", "image-tag-latest", 3, "The image uses the tag 'latest'.", scan.Id, now, open: true),
            Finding(prod.Id, api, "api", "registry.internal:5000/billing/api", "image-tag-missing", 3, "The image has no tag (implies latest).", scan.Id, now, open: true),
            Finding(prod.Id, api, "api", "registry.internal:5000/billing/api", "image-pull-policy-mutable", 2, "imagePullPolicy IfNotPresent on a mutable image.", scan.Id, now, open: true),
            Finding(prod.Id, web, "nginx", "nginx:latest", "image-digest-required", 1, "Not pinned by digest.", scan.Id, now, open: true),
            Finding(prod.Id, web, "nginx", "nginx:1.25", "image-tag-floating", 2, "Old finding.", scan.Id, now, open: false));
        db.ScoreSamples.AddRange(
            Sample(scan, "", 30, 10, 4), Sample(scan, "shop", 12, 4, 2), Sample(scan, "billing", 18, 6, 2));
        db.ScanSummaries.AddRange(
            Summary(scan, "shop", "image-tag-latest", 3, 1), Summary(scan, "shop", "image-digest-required", 1, 1),
            Summary(scan, "billing", "image-tag-missing", 3, 1), Summary(scan, "billing", "image-pull-policy-mutable", 2, 1));
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var d = 0; d < 10; d++)
        {
            db.DailyRollups.Add(new DailyRollup
            {
                ClusterId = prod.Id, Day = today.AddDays(-d), Namespace = "", Score = Math.Round(100d * (30 - d) / 40, 2), PassedWeight = 24 * (30 - d), FailedWeight = 24 * (10 + d),
                FailedChecks = 4, Scans = 24, Introduced = d == 0 ? 1 : 0, Fixed = d == 1 ? 2 : 0,
            });
        }

        await db.SaveChangesAsync();
        return new DashboardSeed(prod.Id, staging.Id, scan.Id, web.Id, api.Id);
    }

    /// <summary>Adds <paramref name="count"/> open findings to a cluster (for paging), spread over severities and namespaces.</summary>
    public static async Task AddFindingsAsync(string connectionString, Guid clusterId, Guid scanId, Guid workloadId, int count, DateTimeOffset now)
    {
        await using var db = Context(connectionString);
        for (var i = 0; i < count; i++)
        {
            var w = new WorkloadRecord { Id = workloadId, ClusterId = clusterId, Uid = "", Kind = "Deployment", Namespace = $"bulk-{i % 7}", Name = $"bulk-{i}" };
            var f = Finding(clusterId, w, "app", $"example.com/bulk:{i}", "image-tag-floating", i % 5, $"bulk finding {i}", scanId, now.AddMinutes(-i), open: true);
            db.Findings.Add(f);
        }

        await db.SaveChangesAsync();
    }

    public static KubeAdvisorDbContext Context(string connectionString) =>
        new((DbContextOptions<KubeAdvisorDbContext>)new DbContextOptionsBuilder<KubeAdvisorDbContext>().UseKubeAdvisorDatabase(connectionString).Options);

    private static WorkloadRecord Workload(Guid clusterId, string ns, string kind, string name, DateTimeOffset now, string containers, string annotations) => new()
    {
        Id = Guid.NewGuid(), ClusterId = clusterId, Uid = Guid.NewGuid().ToString(), Kind = kind, Namespace = ns, Name = name,
        ContainersJson = containers, AnnotationsJson = annotations, Replicas = 2, FirstSeen = now.AddDays(-10), LastSeen = now.AddMinutes(-5),
    };

    private static FindingRecord Finding(Guid clusterId, WorkloadRecord w, string container, string image, string policy, int severity, string message, Guid scanId, DateTimeOffset now, bool open) => new()
    {
        ClusterId = clusterId, WorkloadId = w.Id, Fingerprint = Guid.NewGuid().ToString("N"), Namespace = w.Namespace, Kind = w.Kind,
        WorkloadName = w.Name, Container = container, ContainerType = ContainerType.Regular, Image = image, PolicyId = policy, Severity = (Severity)severity,
        Message = message, Remediation = $"Fix {policy}.", IsOpen = open, FirstSeen = now.AddDays(-3), LastSeen = now.AddMinutes(-5),
        ResolvedAt = open ? null : now.AddDays(-1), LastScanId = scanId,
    };

    private static ScoreSample Sample(Scan scan, string ns, double passed, double failed, int failedChecks) => new()
    {
        ScanId = scan.Id, ClusterId = scan.ClusterId, At = scan.FinishedAt!.Value, Namespace = ns, Score = 100 * passed / (passed + failed),
        PassedWeight = passed, FailedWeight = failed, FailedChecks = failedChecks,
    };

    private static ScanSummary Summary(Scan scan, string ns, string policy, int severity, int failed) => new()
    {
        ScanId = scan.Id, ClusterId = scan.ClusterId, At = scan.FinishedAt!.Value, Namespace = ns, PolicyId = policy, Severity = (Severity)severity,
        Checks = 3, Passed = 3 - failed, Failed = failed,
    };
}
