using System.Diagnostics;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Web.Features.ClusterDetail;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Fleet;
using KubeAdvisor.Web.Features.Namespaces;
using KubeAdvisor.Web.Features.Overview;
using KubeAdvisor.Web.Features.Workloads;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// <c>dashboard-load</c> (issue 5): the server-side data loading of each dashboard page, calling the page's own query
/// classes in the order the page does, over a seeded database. Warm-up runs, then median/p95 per page; each run
/// takes the next cluster / namespace / workload so one page is not served from the same rows every time. The
/// slowest SQL command of each page (median time to first row) is printed to point at the query to look at.
/// </summary>
internal static class DashboardLoadVerb
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var runs = args.Int("runs", 30);
        var warmup = args.Int("warmup", 5);
        var database = new BenchDatabase(args.Required("db"));
        await database.MigrateAsync(); // a seeded database gets the indexes of later migrations
        var time = TimeProvider.System;
        var overview = new OverviewQueries(database, time);
        var trends = new TrendQueries(database, time);
        var cluster = new ClusterDetailQueries(database);
        var namespaces = new NamespaceQueries(database);
        var violations = new FindingsQueries(database);
        var workloads = new WorkloadQueries(database, violations);
        var refresh = new RefreshQueries(database);
        var fleet = new FleetQueries(database, time);
        var clusterList = new ClusterQueries(database);
        var byEnv = FleetView.Parse(null, null, null, null, null, "env");
        var prodOnly = FleetView.Parse("findings", "desc", null, "env=prod", null, null);

        await using (var db = database.CreateDbContext())
        {
            Console.WriteLine($"dashboard-load: {await db.Clusters.CountAsync()} clusters, {await db.Scans.CountAsync():N0} scans, "
                + $"{await db.Findings.CountAsync(f => f.IsOpen):N0} open findings; {runs} runs after {warmup} warm-ups; "
                + $"load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        }

        var targets = await TargetsAsync(database);
        Target T(int i) => targets[i % targets.Count];
        var pages = new (string Name, Func<int, Task> Load)[]
        {
            ("Overview (LoadAsync + 30-day pooled trend + fleet table)", async i => { await overview.LoadAsync(); await trends.ScoreTrendAsync(null, "", 30); FleetView.Default.Apply(await fleet.LoadAsync()); }),
            ("Overview grouped by env (fleet table + groups)", async i => { var rows = await fleet.LoadAsync(); byEnv.Apply(rows); byEnv.Groups(rows); }),
            ("Clusters page (fleet table, worst first)", async i => FleetView.Default.Apply(await fleet.LoadAsync())),
            ("Clusters page, env=prod by findings", async i => prodOnly.Apply(await fleet.LoadAsync())),
            ("API GET /clusters (ClusterQueries)", async i => await clusterList.ListAsync(CancellationToken.None)),
            ("Overview, 90-day pooled trend only", async i => await trends.ScoreTrendAsync(null, "", 90)),
            ("Cluster (LoadAsync + 30-day trend)", async i => { await cluster.LoadAsync(T(i).Cluster); await trends.ScoreTrendAsync(T(i).Cluster, "", 30); }),
            ("Cluster, 90-day trend only", async i => await trends.ScoreTrendAsync(T(i).Cluster, "", 90)),
            ("Namespace (LoadAsync + 30-day trend)", async i => { await namespaces.LoadAsync(T(i).Cluster, T(i).Namespace); await trends.ScoreTrendAsync(T(i).Cluster, T(i).Namespace, 30); }),
            ("Workload (LoadAsync)", async i => await workloads.LoadAsync(T(i).Cluster, T(i).Workload)),
            ("Violations: clusters + first page (severity desc, 50)", async i => { await violations.ClustersAsync(); await violations.PageAsync(new FindingsFilter(), 0, 50, "severity", true); }),
            ("Violations: page 1,000 of 2,000", async i => await violations.PageAsync(new FindingsFilter(), 1000 + (i % 10), 50, "severity", true)),
            ("Violations: sorted by namespace", async i => await violations.PageAsync(new FindingsFilter(), 0, 50, "namespace", false)),
            ("Violations: sorted by workload, page 20", async i => await violations.PageAsync(new FindingsFilter(), 20, 50, "workload", false)),
            ("Violations: cluster + namespace filter", async i => await violations.PageAsync(new FindingsFilter(T(i).Cluster, T(i).Namespace), 0, 50, "severity", true)),
            ("Violations: policy + severity filter", async i => await violations.PageAsync(new FindingsFilter(Policy: "image-tag-floating", Severity: Severity.Medium), 0, 50, "severity", true)),
            ("Violations: free text \"app-04\"", async i => await violations.PageAsync(new FindingsFilter(Text: $"app-04{i % 10}"), 0, 50, "severity", true)),
            ("Refresh stamp, all clusters (polled)", async i => await refresh.StampAsync(null)),
            ("Refresh stamp, one cluster (polled)", async i => await refresh.StampAsync(T(i).Cluster)),
        };

        Console.WriteLine();
        Console.WriteLine("| page (server-side data loading) | median ms | p95 ms | min–max ms | slowest SQL command (median ms to first row) |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var (name, load) in pages)
        {
            database.Clock.Enabled = true;
            try
            {
                for (var i = 0; i < warmup; i++)
                {
                    await load(i);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or Npgsql.PostgresException)
            {
                // Report and go on: a page that cannot load at all is a finding in itself.
                var sql = database.Clock.Drain().Select(c => Shorten(c.Sql)).LastOrDefault();
                Console.WriteLine($"| {name} | fails | | | {e.GetType().Name}: {e.Message} (last SQL: `{sql}`) |");
                continue;
            }

            var times = new List<double>(runs);
            var commands = new List<(string Sql, double Ms)>();
            database.Clock.Drain();
            for (var i = 0; i < runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await load(i);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                commands.AddRange(database.Clock.Drain());
            }

            database.Clock.Enabled = false;
            var t = Timings.Of(times);
            var slowest = commands.GroupBy(c => Shorten(c.Sql))
                .Select(g => (Sql: g.Key, Median: Timings.Of(g.Select(c => c.Ms).ToList()).Median))
                .MaxBy(g => g.Median);
            Console.WriteLine($"| {name} | {t.Median:0.0} | {t.P95:0.0} | {t.Min:0.0}–{t.Max:0.0} | {slowest.Median:0.0}: `{slowest.Sql}` |");
        }

        return 0;
    }

    private sealed record Target(Guid Cluster, string Namespace, Guid Workload);

    // One workload with open findings per cluster, namespaces taken in turn.
    private static async Task<List<Target>> TargetsAsync(BenchDatabase database)
    {
        await using var db = database.CreateDbContext();
        var clusters = await db.Clusters.AsNoTracking().OrderBy(c => c.Name).Select(c => c.Id).ToListAsync();
        var targets = new List<Target>();
        for (var i = 0; i < clusters.Count; i++)
        {
            var open = db.Findings.AsNoTracking().Where(f => f.ClusterId == clusters[i] && f.IsOpen).OrderBy(f => f.Id)
                .Select(f => new { f.WorkloadId, f.Namespace });
            // A cluster of the 500-cluster fleet has fewer findings than the skip: then its first one.
            var w = await open.Skip(i * 7).FirstOrDefaultAsync() ?? await open.FirstAsync();
            targets.Add(new Target(clusters[i], w.Namespace, w.WorkloadId));
        }

        return targets;
    }

    private static string Shorten(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        var from = flat.IndexOf(" FROM ", StringComparison.Ordinal);
        var shown = from < 0 || from < 60 ? flat : flat[..50] + " … " + flat[(from + 1)..];
        return shown.Length <= 170 ? shown : shown[..170] + "…";
    }
}
