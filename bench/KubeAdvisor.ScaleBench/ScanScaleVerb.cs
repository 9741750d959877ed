using System.Diagnostics;
using System.Runtime;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Kubernetes.Collection;
using KubeAdvisor.Kubernetes.Kubeconfig;
using KubeAdvisor.Web.Features.Scans;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// <c>scan-scale</c> (issue 4): a synthetic cluster served by the fake API in a child process; the raw download of
/// its lists as the baseline, then full scans as ScanJob runs them (validate kubeconfig → guarded client →
/// ClusterCollector, with ScanProcessor.PrefetchAsync reading the previous state meanwhile → ScanProcessor.StoreAsync:
/// evaluate + one-transaction store) into a migrated database.
/// The first scan inserts everything, the next ones take the update path. With <c>--steady N</c> (after
/// <c>--warmup M</c> unreported update scans) downloads and scans alternate in the warm process, N update scans and
/// N/2 first scans of new clusters, each compared with the download just before it.
/// </summary>
internal static class ScanScaleVerb
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var workloads = args.Int("workloads", 10_000);
        var scans = args.Int("scans", 2);
        var downloads = args.Int("downloads", 3);
        var prefetch = args.Int("prefetch", 1) != 0; // 0: the previous state is read after collecting, as the agent path does
        var database = new BenchDatabase(args.Required("db"));
        var ct = CancellationToken.None;

        Console.WriteLine($"scan-scale: {workloads} workloads, {Environment.ProcessorCount} cores, Server GC {GCSettings.IsServerGC}, prefetch {prefetch}, "
            + $"load average {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        await database.MigrateAsync();
        var clusterId = await AddClusterAsync(database, workloads, ct);

        var fakeApiCpus = args.Optional("fake-api-cpus");
        var linkMbps = args.Int("link-mbps", 0);
        var realWorld = args.Int("real-world", 0) != 0;
        await using var server = await FakeServerProcess.StartAsync(workloads, fakeApiCpus, linkMbps, realWorld);
        Console.WriteLine($"fake API: pid {server.Pid} (separate process), {server.Info.Deployments} deployments, "
            + $"{server.Info.ReplicaSets} replicasets, {server.Info.Pods} pods, ready in {server.Info.StartSeconds:0.0} s"
            + (fakeApiCpus is null ? "; shares the machine's cores" : $"; pinned to CPUs {fakeApiCpus}")
            + (linkMbps > 0 ? $"; responses paced as over a {linkMbps} Mbit/s link" : "")
            + (realWorld ? "; real-world metadata (Helm labels, last-applied-configuration, managedFields)" : ""));

        // The baseline is the faster of a plain download over HTTP/1.1 and over HTTP/2 (the collector speaks HTTP/2);
        // both are measured, and the faster one is used for the rest of the run.
        using var http11 = new RawDownloader(server.Info, System.Net.HttpVersion.Version11);
        using var http2 = new RawDownloader(server.Info, System.Net.HttpVersion.Version20);
        var medians = new Dictionary<RawDownloader, double>();
        foreach (var (candidate, name) in new[] { (http11, "HTTP/1.1"), (http2, "HTTP/2") })
        {
            var warm = await candidate.DownloadAsync(ct);
            Console.WriteLine($"download over {name}: warm-up {warm.Seconds:0.000} s, {warm.Requests} requests, {warm.Bytes / 1048576.0:0.0} MiB");
            var times = new List<double>();
            for (var i = 0; i < downloads; i++)
            {
                times.Add((await candidate.DownloadAsync(ct)).Seconds);
            }

            medians[candidate] = Timings.Of(times).Median;
            Console.WriteLine($"download over {name}: {string.Join(", ", times.Select(t => t.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))} s, median {medians[candidate]:0.000} s");
        }

        var downloader = medians[http2] <= medians[http11] ? http2 : http11;
        var download = medians[downloader];
        Console.WriteLine($"download median (baseline, the faster protocol: {(downloader == http2 ? "HTTP/2" : "HTTP/1.1")}): {download:0.000} s; "
            + $"process peak RSS so far {ProcessMemory.PeakMiB():0} MiB");

        var validation = new KubeconfigValidator().Validate(server.Info.Kubeconfig, null, new KubeconfigPolicy(AllowedHosts: ["127.0.0.0/8"]));
        if (!validation.IsValid)
        {
            throw new InvalidOperationException(string.Join(" ", validation.Errors));
        }

        using (var typedClient = KubernetesClientFactory.CreateClient(validation.Config!, TimeSpan.FromMinutes(5)))
        {
            await TypedLister.ListAllAsync(typedClient, ct);
            var typed = new List<double>();
            for (var i = 0; i < downloads; i++)
            {
                typed.Add((await TypedLister.ListAllAsync(typedClient, ct)).Seconds);
            }

            Console.WriteLine($"typed lists through KubernetesClient, pages dropped (after a warm-up): median {Timings.Of(typed).Median:0.000} s "
                + $"of {string.Join(", ", typed.Select(t => t.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))}; "
                + $"peak RSS so far {ProcessMemory.PeakMiB():0} MiB");
        }

        // --collect-pairs N: collection alone (no database, no prefetch), alternating with a download, to separate the
        // collector's share of a scan from the store's.
        var collectPairs = args.Int("collect-pairs", 0);
        var collectRatios = new List<double>();
        var collectCpu = new List<double>();
        for (var i = 1; i <= collectPairs; i++)
        {
            var d = (await downloader.DownloadAsync(ct)).Seconds;
            using var c = KubernetesClientFactory.CreateClient(validation.Config!, TimeSpan.FromMinutes(5));
            var (cpu, pause) = (ProcessCpu.ReadScanner(), GC.GetTotalPauseDuration());
            var t0 = Stopwatch.GetTimestamp();
            await new ClusterCollector(TimeProvider.System, new ClusterCollectorOptions(RequestTimeout: TimeSpan.FromMinutes(5))).CollectAsync(c, ct);
            var collect = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var collectorCpu = ProcessCpu.ReadScanner() - cpu;
            collectRatios.Add(collect / d);
            collectCpu.Add(collectorCpu);
            Console.WriteLine($"collect only {i}: download {d:0.000} s, collect {collect:0.000} s = {collect / d:0.00}× "
                + $"(scanner CPU {collectorCpu:0.00} s, GC paused {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:0} ms)");
        }

        if (collectPairs > 0)
        {
            Console.WriteLine($"collect only: median {Timings.Of(collectRatios).Median:0.00}× download, median scanner CPU {Timings.Of(collectCpu).Median:0.00} s");
        }

        var processor = new ScanProcessor(database, new ScanStore(TimeProvider.System), TimeProvider.System);

        // One scan exactly as ScanJob runs it; prints its lines unless quiet.
        async Task<ScanRun> ScanAsync(Guid cluster, string label, double baseline, bool quiet)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = ProcessMemory.CurrentMiB();
            var reset = ProcessMemory.ResetPeak();
            var scanId = await AddRunningScanAsync(database, cluster, ct);

            var cpuStart = ProcessCpu.Read(server.Pid);
            var (pause0, alloc0, gcs0) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0));
            var started = Stopwatch.GetTimestamp();
            var timeout = TimeSpan.FromMinutes(5);
            using var client = KubernetesClientFactory.CreateClient(validation.Config!, timeout);
            // As ScanJob does: the cluster's previous state is read while the collector runs.
            var baselineState = prefetch ? processor.PrefetchAsync(cluster, ct) : null;
            var snapshot = await new ClusterCollector(TimeProvider.System, new ClusterCollectorOptions(RequestTimeout: timeout)).CollectAsync(client, ct);
            var collect = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var afterCollect = ProcessMemory.PeakMiB();
            var cpuCollect = ProcessCpu.ReadScanner() - cpuStart.Scanner;
            var (pause1, alloc1, gcs1) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0));
            var storeStarted = Stopwatch.GetTimestamp();
            await processor.StoreAsync(scanId, snapshot, collect, baselineState is null ? null : await baselineState, ct);
            var store = Stopwatch.GetElapsedTime(storeStarted).TotalSeconds;
            var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var scanCpu = ProcessCpu.Read(server.Pid) - cpuStart;
            var (pause2, alloc2, gcs2) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0));
            var run = new ScanRun(total, collect, store, scanCpu, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"collect: scanner CPU {cpuCollect:0.00} s, allocated {(alloc1 - alloc0) / 1048576.0:0} MiB, {gcs1 - gcs0} GCs, paused {(pause1 - pause0).TotalMilliseconds:0} ms; "
                + $"evaluate&store: scanner CPU {scanCpu.Scanner - cpuCollect:0.00} s, allocated {(alloc2 - alloc1) / 1048576.0:0} MiB, {gcs2 - gcs1} GCs, paused {(pause2 - pause1).TotalMilliseconds:0} ms"));
            var transaction = database.Clock.Transactions.LastCommitted.TotalSeconds;
            if (quiet)
            {
                return run;
            }

            await using var db = database.CreateDbContext();
            var row = await db.Scans.AsNoTracking().SingleAsync(s => s.Id == scanId, ct);
            var open = await db.Findings.CountAsync(f => f.ClusterId == cluster && f.IsOpen, ct);
            Console.WriteLine($"{label}: {row.Status}, {row.Workloads} workloads, {row.Containers} containers, {row.Checks} checks, "
                + $"{row.Failed} failed, {open} open findings, introduced {row.Introduced}, fixed {row.Fixed}, score {row.Score}");
            Console.WriteLine($"{label}: total {total:0.000} s = collect {collect:0.000} s + evaluate&store {store:0.000} s "
                + $"(of which DB transaction begin→commit {transaction:0.000} s; ScanStore.StoreSeconds {row.StoreSeconds:0.000} s, "
                + $"measured through the commit); {total / baseline:0.00}× download");
            Console.WriteLine($"{label}: peak RSS {ProcessMemory.PeakMiB():0} MiB (after collect {afterCollect:0} MiB; RSS at start {before:0} MiB; "
                + $"{(reset ? "peak reset before this scan" : "peak since process start: clear_refs refused")})");
            return run;
        }

        for (var i = 1; i <= scans; i++)
        {
            await ScanAsync(clusterId, $"scan {i}", download, quiet: false);
        }

        if (args.Int("breakdown", 0) != 0)
        {
            await LiveHeapBreakdown.PrintAsync(processor, validation.Config!, clusterId, ct);
        }

        // Steady state, as in the long-running web process: the scans above ran partly on tier-0 JIT code (the
        // process is minutes old at most). After warm-up scans, downloads and update scans alternate, so both are
        // measured equally warm and under the same load; then first scans of new clusters (the insert path).
        var warmup = args.Int("warmup", 0);
        var steady = args.Int("steady", 0);
        if (steady > 0)
        {
            var warmTimes = new List<double>();
            for (var i = 0; i < warmup; i++)
            {
                warmTimes.Add((await ScanAsync(clusterId, "", download, quiet: true)).Total);
            }

            Console.WriteLine($"warm-up: {warmup} update scans, {string.Join(" ", warmTimes.Select(t => t.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)))} s");
            await SteadyAsync("steady update scan", steady, () => Task.FromResult(clusterId));
            var loads = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                var cpu = ProcessCpu.ReadScanner();
                var t0 = Stopwatch.GetTimestamp();
                var b = await processor.PrefetchAsync(clusterId, ct);
                loads.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{Stopwatch.GetElapsedTime(t0).TotalSeconds:0.000} s wall / {ProcessCpu.ReadScanner() - cpu:0.00} s CPU ({b.Workloads.Count} workloads)"));
            }

            Console.WriteLine($"previous state alone (ScanProcessor.PrefetchAsync): {string.Join("; ", loads)}");
            await SteadyAsync("steady first scan of a new cluster", Math.Max(1, steady / 2), () => AddClusterAsync(database, workloads, ct));
        }

        async Task SteadyAsync(string what, int pairs, Func<Task<Guid>> cluster)
        {
            var ratios = new List<double>();
            var downloadsWarm = new List<double>();
            var totals = new List<double>();
            for (var i = 1; i <= pairs; i++)
            {
                var cpu0 = ProcessCpu.Read(server.Pid);
                var d = (await downloader.DownloadAsync(ct)).Seconds;
                var cpuDownload = ProcessCpu.Read(server.Pid) - cpu0;
                var id = await cluster();
                var run = await ScanAsync(id, "", d, quiet: true);
                var (total, collect, store) = (run.Total, run.Collect, run.Store);
                downloadsWarm.Add(d);
                totals.Add(total);
                ratios.Add(total / d);
                Console.WriteLine($"{what} {i}: download {d:0.000} s, scan {total:0.000} s (collect {collect:0.000} + evaluate&store {store:0.000}) = {total / d:0.00}× download");
                Console.WriteLine($"  download {cpuDownload.Describe(d)}; scan {run.Cpu.Describe(total)}");
                Console.WriteLine($"  {run.Detail}");
            }

            Console.WriteLine($"{what}: median download {Timings.Of(downloadsWarm).Median:0.000} s, median scan {Timings.Of(totals).Median:0.000} s, "
                + $"median ratio {Timings.Of(ratios).Median:0.00}× (range {ratios.Min():0.00}–{ratios.Max():0.00}×); load average {LoadAverage()}");
        }

        return 0;
    }

    private static async Task<Guid> AddClusterAsync(BenchDatabase database, int workloads, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        var cluster = new Cluster
        {
            Id = Guid.CreateVersion7(), Name = $"bench-{workloads}-{DateTime.UtcNow:HHmmss}", ConnectionType = ConnectionType.Kubeconfig,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Clusters.Add(cluster);
        await db.SaveChangesAsync(ct);
        return cluster.Id;
    }

    /// <summary>One scan: seconds in all, collecting and evaluating+storing; CPU of every process; scanner GC and allocations per phase.</summary>
    private sealed record ScanRun(double Total, double Collect, double Store, ProcessCpu Cpu, string Detail);

    private static async Task<Guid> AddRunningScanAsync(BenchDatabase database, Guid clusterId, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        var scan = new Scan
        {
            Id = Guid.CreateVersion7(), ClusterId = clusterId, Trigger = ScanTrigger.Manual, Status = ScanStatus.Running,
            RequestedBy = "scale-bench", QueuedAt = now, StartedAt = now, Attempts = 1,
        };
        db.Scans.Add(scan);
        await db.SaveChangesAsync(ct);
        return scan.Id;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
