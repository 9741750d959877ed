using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Core.Scoring;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;

namespace KubeAdvisor.Web.Features.Demo;

/// <summary>
/// One demo cluster's 90 days, from <see cref="DemoStory"/>: a succeeded scan a day whose counts, score samples,
/// summaries and rollups are computed from the findings open that day (weights as docs/scoring.md: each workload is
/// judged once by each story policy), so every number on every page agrees with the findings behind it.
/// </summary>
internal static class DemoHistoryCluster
{
    /// <summary>Adds the cluster and its history to <paramref name="db"/>; returns the cluster's id.</summary>
    public static Guid Add(KubeAdvisorDbContext db, DemoHistoryRows rows, int variant, string name, string labelsJson,
        IReadOnlyDictionary<string, Guid> teams, DateTimeOffset now)
    {
        var days = DemoStory.Days;
        // Today's scan 20 minutes ago, or at midnight just after it: one scan per UTC day, as the daily rollups key them.
        var latest = now.AddMinutes(-20).UtcDateTime.Date == now.UtcDateTime.Date ? now.AddMinutes(-20) : new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        DateTimeOffset At(int daysAgo) => latest.AddDays(-daysAgo);
        var cluster = new Cluster
        {
            Id = Guid.NewGuid(), Name = name, IsDemo = true, ConnectionType = ConnectionType.DemoHistory, LabelsJson = labelsJson,
            ScanIntervalMinutes = 1440, PolicySettingsJson = DemoHistorySeeder.Settings, KubernetesVersion = variant == 2 ? "v1.31.1" : "v1.30.4",
            CreatedAt = At(days - 1).AddHours(-1), LastScanAt = At(0),
        };
        db.Clusters.Add(cluster);
        var story = DemoStory.For(variant);
        var namespaces = DemoStory.Workloads.Select(w => w.Namespace).Distinct().ToList();
        var severity = DemoStory.Policies.ToDictionary(p => p, p => PolicyCatalog.Find(p)!.Descriptor.DefaultSeverity);
        var perWorkload = DemoStory.Policies.Sum(p => ScoreCard.WeightOf(severity[p]));

        var scans = new Scan[days];
        for (var d = days - 1; d >= 0; d--)
        {
            var open = story.Where(f => f.OpenOn(d)).ToList();
            var at = At(d);
            var scan = scans[d] = new Scan
            {
                Id = Guid.NewGuid(), ClusterId = cluster.Id, Trigger = ScanTrigger.Scheduled, Status = ScanStatus.Succeeded, RequestedBy = "schedule",
                QueuedAt = at.AddSeconds(-6), StartedAt = at.AddSeconds(-5), FinishedAt = at, Attempts = 1,
                Workloads = DemoStory.Workloads.Length, Containers = DemoStory.Workloads.Length, Checks = DemoStory.Workloads.Length * DemoStory.Policies.Length,
                Failed = open.Count, Introduced = story.Count(f => f.Opened == d), Fixed = story.Count(f => f.Fixed == d),
                CollectSeconds = 0.8 + (d % 5) * 0.1, StoreSeconds = 0.2,
            };
            scan.Passed = scan.Checks - scan.Failed;
            db.Scans.Add(scan);

            var (clusterPassed, clusterFailed) = (0d, 0d);
            foreach (var ns in namespaces)
            {
                var inNs = open.Where(f => f.Namespace == ns).ToList();
                var workloads = DemoStory.Workloads.Count(w => w.Namespace == ns);
                var failed = (double)inNs.Sum(f => ScoreCard.WeightOf(severity[f.PolicyId]));
                var passed = workloads * perWorkload - failed;
                (clusterPassed, clusterFailed) = (clusterPassed + passed, clusterFailed + failed);
                Score(rows, cluster.Id, scan, ns, passed, failed, inNs.Count, 0, 0);
                foreach (var policy in DemoStory.Policies)
                {
                    var failing = Math.Min(workloads, inNs.Count(f => f.PolicyId == policy));
                    rows.Summaries.Add(new ScanSummary
                    {
                        ScanId = scan.Id, ClusterId = cluster.Id, At = at, Namespace = ns, PolicyId = policy, Severity = severity[policy],
                        Checks = workloads, Passed = workloads - failing, Failed = failing,
                    });
                }
            }

            scan.Score = Score(rows, cluster.Id, scan, "", clusterPassed, clusterFailed, open.Count, scan.Introduced, scan.Fixed);
        }

        cluster.LastSucceededScanId = scans[0].Id;
        AddWorkloadsAndFindings(db, cluster, variant, story, scans, severity, teams, At);
        foreach (var ns in namespaces)
        {
            db.Namespaces.Add(new NamespaceRecord { ClusterId = cluster.Id, Name = ns, LabelsJson = JsonSerializer.Serialize(new { team = ns }) });
        }

        return cluster.Id;
    }

    // The score sample of the scan and the day's rollup (one scan a day, so the day's score is the scan's).
    private static double Score(DemoHistoryRows rows, Guid clusterId, Scan scan, string ns, double passed, double failed, int failedChecks, int introduced, int fixedCount)
    {
        var score = Math.Round(100 * passed / (passed + failed), 2);
        rows.Samples.Add(new ScoreSample
        {
            ScanId = scan.Id, ClusterId = clusterId, At = scan.FinishedAt!.Value, Namespace = ns, Score = score, PassedWeight = passed, FailedWeight = failed,
            FailedChecks = failedChecks,
        });
        rows.Rollups.Add(new DailyRollup
        {
            ClusterId = clusterId, Day = DateOnly.FromDateTime(scan.FinishedAt!.Value.UtcDateTime), Namespace = ns, Score = score, PassedWeight = passed,
            FailedWeight = failed, FailedChecks = failedChecks, Scans = 1, Introduced = introduced, Fixed = fixedCount,
        });
        return score;
    }

    private static void AddWorkloadsAndFindings(KubeAdvisorDbContext db, Cluster cluster, int variant, IReadOnlyList<DemoStoryFinding> story, Scan[] scans,
        Dictionary<string, Severity> severity, IReadOnlyDictionary<string, Guid> teams, Func<int, DateTimeOffset> at)
    {
        var workloads = new Dictionary<string, WorkloadRecord>(StringComparer.Ordinal);
        foreach (var (ns, name, image) in DemoStory.Workloads)
        {
            var running = variant == 0 && name == "ledger" ? DemoStory.PinnedLedger : image;
            var w = workloads[name] = new WorkloadRecord
            {
                Id = Guid.NewGuid(), ClusterId = cluster.Id, Uid = Guid.NewGuid().ToString(), Kind = "Deployment", Namespace = ns, Name = name,
                ContainersJson = JsonSerializer.Serialize(new[] { new { name, type = "Regular", image = running, imagePullPolicy = "IfNotPresent" } }),
                LabelsJson = JsonSerializer.Serialize(new Dictionary<string, string> { ["app.kubernetes.io/name"] = name }),
                Replicas = name == "ledger" ? 3 : 2, FirstSeen = at(DemoStory.Days - 1), LastSeen = at(0), TeamId = teams[ns],
            };
            db.Workloads.Add(w);
        }

        foreach (var f in story)
        {
            var w = workloads[f.Workload];
            var lastSeen = f.Fixed is { } gone ? gone + 1 : 0;
            db.Findings.Add(new FindingRecord
            {
                ClusterId = cluster.Id, WorkloadId = w.Id, Fingerprint = Fingerprint(cluster.Name, f), Namespace = f.Namespace, Kind = w.Kind,
                WorkloadName = w.Name, Container = w.Name, ContainerType = ContainerType.Regular, Image = f.Image, PolicyId = f.PolicyId,
                Severity = severity[f.PolicyId], Message = f.Message, Remediation = PolicyCatalog.Find(f.PolicyId)!.Descriptor.Remediation,
                TeamId = w.TeamId, IsOpen = f.Fixed is null, FirstSeen = at(f.Opened), LastSeen = at(lastSeen), ResolvedAt = f.Fixed is { } r ? at(r) : null,
                LastScanId = scans[lastSeen].Id, IntroducedByScanId = scans[f.Opened].Id, FixedByScanId = f.Fixed is { } x ? scans[x].Id : null,
            });
        }
    }

    private static string Fingerprint(string cluster, DemoStoryFinding f) => Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes($"demo|{cluster}|{f.Namespace}|{f.Workload}|{f.PolicyId}|{f.Image}")));
}
