using System.Diagnostics;
using System.Globalization;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Data.Entities;
using Npgsql;
using NpgsqlTypes;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// <c>dashboard-seed</c> (issue 5): migrates the database, then fills it with binary COPY: N clusters × D days of
/// hourly scans (≈1 % failed) with a score sample for the cluster and each of its 10 namespaces, scan_summaries
/// (namespace × 5 policies) for the last 90 days only, daily_rollups for 2 years, 1,000 workloads per cluster and
/// the requested number of open findings (2 per workload) plus a resolved one for every fifth workload. VACUUM ANALYZE at the end.
/// </summary>
internal static class DashboardSeedVerb
{
    private static int _summaryDays = 90;
    private const int SummaryPolicies = 5;
    // Set once per run from --scan-every-hours / --rollup-days (the 500-cluster fleet variant scans less often).
    private static int _scanEvery = 1;
    private static int _rollupDays = 730;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var clusters = args.Int("clusters", 50);
        var days = args.Int("days", 365);
        var findings = args.Int("findings", 100_000);
        _scanEvery = Math.Max(1, args.Int("scan-every-hours", 1));
        _rollupDays = args.Int("rollup-days", 730);
        _summaryDays = args.Int("summary-days", 90);
        var database = new BenchDatabase(args.Required("db"));
        await database.MigrateAsync();

        var now = DateTimeOffset.UtcNow;
        var hourNow = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var hours = days * 24;
        var ids = Enumerable.Range(0, clusters).Select(c => new Guid(c + 1, 0, 0, new byte[8])).ToArray();
        var lastScan = new Guid[clusters];
        var total = Stopwatch.GetTimestamp();
        // No command timeout: on a loaded machine one COPY of millions of rows takes longer than Npgsql's default 30 s.
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { CommandTimeout = 0 }.ConnectionString);
        await conn.OpenAsync();

        await TimedAsync("clusters", () => CopyClusters(conn, ids, hourNow, days));
        await TimedAsync("scans + score_samples + scan_summaries", () => CopyScans(conn, ids, hourNow, hours, lastScan));
        await TimedAsync("daily_rollups", () => CopyRollups(conn, ids, hourNow));
        await TimedAsync("workloads + findings", () => CopyWorkloadsAndFindings(conn, ids, hourNow, findings, lastScan));
        await TimedAsync("clusters.LastSucceededScanId", async () =>
        {
            for (var c = 0; c < clusters; c++)
            {
                await using var cmd = new NpgsqlCommand("UPDATE clusters SET \"LastSucceededScanId\" = $1, \"LastScanAt\" = $2 WHERE \"Id\" = $3", conn);
                cmd.Parameters.Add(new NpgsqlParameter { Value = lastScan[c] });
                cmd.Parameters.Add(new NpgsqlParameter { Value = hourNow.AddMinutes(c % 60 - 60) });
                cmd.Parameters.Add(new NpgsqlParameter { Value = ids[c] });
                await cmd.ExecuteNonQueryAsync();
            }

            return 0L;
        });
        await TimedAsync("VACUUM ANALYZE", async () =>
        {
            await using var cmd = new NpgsqlCommand("VACUUM ANALYZE", conn) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync();
            return 0L;
        });

        foreach (var table in new[] { "scans", "score_samples", "scan_summaries", "daily_rollups", "workloads", "findings" })
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*), pg_size_pretty(pg_total_relation_size('{table}')) FROM {table}", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            Console.WriteLine($"  {table,-15} {r.GetInt64(0),12:N0} rows  {r.GetString(1),10} with indexes");
        }

        Console.WriteLine($"dashboard-seed: done in {Stopwatch.GetElapsedTime(total).TotalSeconds:0} s");
        return 0;
    }

    private static async Task TimedAsync(string what, Func<Task<long>> step)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = await step();
        Console.WriteLine($"dashboard-seed: {what}: {rows:N0} rows in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
    }

    private static Task<long> CopyClusters(NpgsqlConnection conn, Guid[] ids, DateTimeOffset now, int days)
    {
        using var w = conn.BeginBinaryImport("""COPY clusters ("Id","Name","ConnectionType","IsDemo","ScanIntervalMinutes","PolicySettingsJson","AgentIntervalMinutes","CreatedAt","InsecureSkipTlsVerify","ServerUrl","KubernetesVersion","LabelsJson") FROM STDIN (FORMAT BINARY)""");
        for (var c = 0; c < ids.Length; c++)
        {
            w.StartRow();
            w.Write(ids[c], NpgsqlDbType.Uuid);
            w.Write(DashboardShape.Cluster(c), NpgsqlDbType.Varchar);
            w.Write((int)(c % 5 == 4 ? ConnectionType.Agent : ConnectionType.Kubeconfig), NpgsqlDbType.Integer);
            w.Write(false, NpgsqlDbType.Boolean);
            w.Write(60, NpgsqlDbType.Integer);
            w.Write("{}", NpgsqlDbType.Jsonb);
            w.Write(10, NpgsqlDbType.Integer);
            w.Write(now.AddDays(-days - 1), NpgsqlDbType.TimestampTz);
            w.Write(false, NpgsqlDbType.Boolean);
            w.Write($"https://10.{c}.0.1:6443", NpgsqlDbType.Varchar);
            w.Write("v1.31.2", NpgsqlDbType.Varchar);
            w.Write(DashboardShape.Labels(c), NpgsqlDbType.Jsonb);
        }

        return Task.FromResult((long)w.Complete());
    }

    private static Task<long> CopyScans(NpgsqlConnection conn, Guid[] ids, DateTimeOffset now, int hours, Guid[] lastScan)
    {
        long rows = 0;
        var summaryFrom = hours - (_summaryDays * 24);
        using (var scans = conn.BeginBinaryImport("""COPY scans ("Id","ClusterId","Trigger","Status","RequestedBy","QueuedAt","StartedAt","FinishedAt","Error","Attempts","Workloads","Containers","Checks","Passed","Failed","Exempt","Score","Introduced","Fixed","CollectSeconds","StoreSeconds") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var c = 0; c < ids.Length; c++)
            {
                for (var h = 0; h < hours; h++)
                {
                    if (!IsScanHour(h, hours))
                    {
                        continue;
                    }

                    var at = now.AddHours(h - hours).AddMinutes(c % 60);
                    var failed = h != hours - 1 && (h * 7919 + c) % 100 == 0;
                    var id = ScanId(c, h);
                    var (p, f, fc) = DashboardShape.Weights(c, -1, h);
                    scans.StartRow();
                    scans.Write(id, NpgsqlDbType.Uuid);
                    scans.Write(ids[c], NpgsqlDbType.Uuid);
                    scans.Write((int)ScanTrigger.Scheduled, NpgsqlDbType.Integer);
                    scans.Write((int)(failed ? ScanStatus.Failed : ScanStatus.Succeeded), NpgsqlDbType.Integer);
                    scans.WriteNull();
                    scans.Write(at, NpgsqlDbType.TimestampTz);
                    scans.Write(at.AddSeconds(1), NpgsqlDbType.TimestampTz);
                    scans.Write(at.AddSeconds(failed ? 3 : 9), NpgsqlDbType.TimestampTz);
                    if (failed)
                    {
                        scans.Write("503 Service Unavailable: the API server did not answer; retried 3 times.", NpgsqlDbType.Text);
                    }
                    else
                    {
                        scans.WriteNull();
                    }

                    scans.Write(1, NpgsqlDbType.Integer);
                    scans.Write(failed ? 0 : 1000, NpgsqlDbType.Integer);
                    scans.Write(failed ? 0 : 1300, NpgsqlDbType.Integer);
                    scans.Write(failed ? 0 : 5000, NpgsqlDbType.Integer);
                    scans.Write(failed ? 0 : (int)p, NpgsqlDbType.Integer);
                    scans.Write(failed ? 0 : fc, NpgsqlDbType.Integer);
                    scans.Write(0, NpgsqlDbType.Integer);
                    if (failed)
                    {
                        scans.WriteNull();
                    }
                    else
                    {
                        scans.Write(DashboardShape.Score(p, f), NpgsqlDbType.Double);
                    }

                    scans.Write(failed ? 0 : h % 5, NpgsqlDbType.Integer);
                    scans.Write(failed ? 0 : h % 4, NpgsqlDbType.Integer);
                    scans.Write(5.5, NpgsqlDbType.Double);
                    scans.Write(1.5, NpgsqlDbType.Double);
                    rows++;
                    if (!failed)
                    {
                        lastScan[c] = id;
                    }
                }
            }

            scans.Complete();
        }

        using (var samples = conn.BeginBinaryImport("""COPY score_samples ("ScanId","ClusterId","At","Namespace","Score","PassedWeight","FailedWeight","FailedChecks") FROM STDIN (FORMAT BINARY)"""))
        {
            ForEachSucceeded(ids.Length, hours, 0, (c, h, id) =>
            {
                var at = now.AddHours(h - hours).AddMinutes(c % 60).AddSeconds(9);
                for (var ns = -1; ns < DashboardShape.Namespaces.Length; ns++)
                {
                    var (p, f, fc) = DashboardShape.Weights(c, ns, h);
                    samples.StartRow();
                    samples.Write(id, NpgsqlDbType.Uuid);
                    samples.Write(ids[c], NpgsqlDbType.Uuid);
                    samples.Write(at, NpgsqlDbType.TimestampTz);
                    samples.Write(ns < 0 ? "" : DashboardShape.Namespaces[ns], NpgsqlDbType.Text);
                    samples.Write(DashboardShape.Score(p, f), NpgsqlDbType.Double);
                    samples.Write(p, NpgsqlDbType.Double);
                    samples.Write(f, NpgsqlDbType.Double);
                    samples.Write(fc, NpgsqlDbType.Integer);
                    rows++;
                }
            });
            samples.Complete();
        }

        using (var summaries = conn.BeginBinaryImport("""COPY scan_summaries ("ScanId","ClusterId","At","Namespace","PolicyId","Severity","Checks","Passed","Failed","Exempt") FROM STDIN (FORMAT BINARY)"""))
        {
            ForEachSucceeded(ids.Length, hours, summaryFrom, (c, h, id) =>
            {
                var at = now.AddHours(h - hours).AddMinutes(c % 60).AddSeconds(9);
                for (var ns = 0; ns < DashboardShape.Namespaces.Length; ns++)
                {
                    var (_, _, fc) = DashboardShape.Weights(c, ns, h);
                    for (var p = 0; p < SummaryPolicies; p++)
                    {
                        var failed = Math.Max(0, (fc / SummaryPolicies) + ((p * 3) - 6));
                        summaries.StartRow();
                        summaries.Write(id, NpgsqlDbType.Uuid);
                        summaries.Write(ids[c], NpgsqlDbType.Uuid);
                        summaries.Write(at, NpgsqlDbType.TimestampTz);
                        summaries.Write(DashboardShape.Namespaces[ns], NpgsqlDbType.Text);
                        summaries.Write(DashboardShape.Policies[p].Id, NpgsqlDbType.Varchar);
                        summaries.Write(DashboardShape.Policies[p].Severity, NpgsqlDbType.Integer);
                        summaries.Write(100, NpgsqlDbType.Integer);
                        summaries.Write(100 - Math.Min(100, failed), NpgsqlDbType.Integer);
                        summaries.Write(Math.Min(100, failed), NpgsqlDbType.Integer);
                        summaries.Write(0, NpgsqlDbType.Integer);
                        rows++;
                    }
                }
            });
            summaries.Complete();
        }

        return Task.FromResult(rows);
    }

    private static void ForEachSucceeded(int clusters, int hours, int fromHour, Action<int, int, Guid> action)
    {
        for (var c = 0; c < clusters; c++)
        {
            for (var h = fromHour; h < hours; h++)
            {
                if (IsScanHour(h, hours) && (h == hours - 1 || (h * 7919 + c) % 100 != 0))
                {
                    action(c, h, ScanId(c, h));
                }
            }
        }
    }

    private static Task<long> CopyRollups(NpgsqlConnection conn, Guid[] ids, DateTimeOffset now)
    {
        long rows = 0;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        using var w = conn.BeginBinaryImport("""COPY daily_rollups ("ClusterId","Day","Namespace","Score","PassedWeight","FailedWeight","FailedChecks","Scans","Introduced","Fixed") FROM STDIN (FORMAT BINARY)""");
        for (var c = 0; c < ids.Length; c++)
        {
            for (var d = 0; d < _rollupDays; d++)
            {
                var day = today.AddDays(-d);
                var hour = ((_rollupDays - d) * 24L) + 12;
                for (var ns = -1; ns < DashboardShape.Namespaces.Length; ns++)
                {
                    var (p, f, fc) = DashboardShape.Weights(c, ns, hour);
                    w.StartRow();
                    w.Write(ids[c], NpgsqlDbType.Uuid);
                    w.Write(day, NpgsqlDbType.Date);
                    w.Write(ns < 0 ? "" : DashboardShape.Namespaces[ns], NpgsqlDbType.Text);
                    w.Write(DashboardShape.Score(p, f), NpgsqlDbType.Double);
                    w.Write(p * 24, NpgsqlDbType.Double);
                    w.Write(f * 24, NpgsqlDbType.Double);
                    w.Write(fc, NpgsqlDbType.Integer);
                    w.Write(24, NpgsqlDbType.Integer);
                    w.Write(ns < 0 ? d % 7 : 0, NpgsqlDbType.Integer);
                    w.Write(ns < 0 ? d % 5 : 0, NpgsqlDbType.Integer);
                    rows++;
                }
            }
        }

        w.Complete();
        return Task.FromResult(rows);
    }

    private static Task<long> CopyWorkloadsAndFindings(NpgsqlConnection conn, Guid[] ids, DateTimeOffset now, int openFindings, Guid[] lastScan)
    {
        var perCluster = (int)Math.Ceiling(openFindings / 2.0 / ids.Length);
        var perNamespace = (int)Math.Ceiling(perCluster / (double)DashboardShape.Namespaces.Length);
        long rows = 0;
        var workloads = new List<(int Cluster, Guid Id, string Ns, string Kind, string Name, string Image)>();
        using (var w = conn.BeginBinaryImport("""COPY workloads ("Id","ClusterId","Uid","Kind","Namespace","Name","AnnotationsJson","ContainersJson","Replicas","FirstSeen","LastSeen") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var c = 0; c < ids.Length; c++)
            {
                for (var i = 0; i < perNamespace * DashboardShape.Namespaces.Length; i++)
                {
                    var ns = DashboardShape.Namespaces[i % DashboardShape.Namespaces.Length];
                    var kind = DashboardShape.Kinds[i % DashboardShape.Kinds.Length];
                    var name = $"app-{i:D4}";
                    var image = (i % 3) switch { 0 => $"registry.example.com/{ns}/{name}:latest", 1 => $"registry.example.com/{ns}/{name}", _ => $"registry.example.com/{ns}/{name}:1.{i % 9}" };
                    var id = new Guid(c + 1, (short)(i >> 16), (short)(i & 0xFFFF), [1, 0, 0, 0, 0, 0, 0, 0]);
                    w.StartRow();
                    w.Write(id, NpgsqlDbType.Uuid);
                    w.Write(ids[c], NpgsqlDbType.Uuid);
                    w.Write(id.ToString(), NpgsqlDbType.Text);
                    w.Write(kind, NpgsqlDbType.Text);
                    w.Write(ns, NpgsqlDbType.Text);
                    w.Write(name, NpgsqlDbType.Text);
                    w.Write(i % 50 == 0 ? """{"kubeadvisor.io/exempt":"image-digest-required"}""" : "{}", NpgsqlDbType.Jsonb);
                    w.Write($$"""[{"Name":"app","Type":"Regular","Image":"{{image}}","ImagePullPolicy":null},{"Name":"proxy","Type":"Regular","Image":"envoyproxy/envoy:v1.31.0","ImagePullPolicy":"IfNotPresent"}]""", NpgsqlDbType.Jsonb);
                    w.Write(3, NpgsqlDbType.Integer);
                    w.Write(now.AddDays(-(i % 365)), NpgsqlDbType.TimestampTz);
                    w.Write(now, NpgsqlDbType.TimestampTz);
                    workloads.Add((c, id, ns, kind, name, image));
                    rows++;
                }
            }

            w.Complete();
        }

        using var f = conn.BeginBinaryImport("""COPY findings ("ClusterId","WorkloadId","Fingerprint","Namespace","Kind","WorkloadName","Container","ContainerType","Image","PolicyId","Severity","Message","Remediation","IsOpen","FirstSeen","LastSeen","ResolvedAt","LastScanId") FROM STDIN (FORMAT BINARY)""");
        var open = 0;
        var resolved = 0;
        var n = 0;
        foreach (var wl in workloads)
        {
            // Two open findings per workload until the target is reached, plus a resolved one for every fifth workload.
            for (var k = 0; k < 3; k++)
            {
                var isOpen = k < 2;
                if ((isOpen && open >= openFindings) || (!isOpen && (n % 5 != 0 || resolved >= openFindings / 5)))
                {
                    continue;
                }

                var (policy, severity) = DashboardShape.Policies[(n + (k * 3)) % DashboardShape.Policies.Length];
                var firstSeen = now.AddHours(-((n * 13 % 8000) + 1));
                f.StartRow();
                f.Write(ids[wl.Cluster], NpgsqlDbType.Uuid);
                f.Write(wl.Id, NpgsqlDbType.Uuid);
                f.Write(Convert.ToHexStringLower(BitConverter.GetBytes((long)n * 3 + k)) + "00000000" + k.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Varchar);
                f.Write(wl.Ns, NpgsqlDbType.Text);
                f.Write(wl.Kind, NpgsqlDbType.Text);
                f.Write(wl.Name, NpgsqlDbType.Text);
                f.Write(k == 1 ? "proxy" : "app", NpgsqlDbType.Text);
                f.Write("Regular", NpgsqlDbType.Varchar);
                f.Write(k == 1 ? "envoyproxy/envoy:v1.31.0" : wl.Image, NpgsqlDbType.Text);
                f.Write(policy, NpgsqlDbType.Varchar);
                f.Write(severity, NpgsqlDbType.Integer);
                f.Write($"Container '{(k == 1 ? "proxy" : "app")}' of {wl.Kind} {wl.Ns}/{wl.Name} fails {policy}: the image reference is not immutable.", NpgsqlDbType.Text);
                f.Write("Pin the image to an immutable tag or digest, e.g. image: registry.example.com/app:1.4.2@sha256:…, then roll the workload out again.", NpgsqlDbType.Text);
                f.Write(isOpen, NpgsqlDbType.Boolean);
                f.Write(firstSeen, NpgsqlDbType.TimestampTz);
                f.Write(isOpen ? now : firstSeen.AddDays(3), NpgsqlDbType.TimestampTz);
                if (isOpen)
                {
                    f.WriteNull();
                }
                else
                {
                    f.Write(firstSeen.AddDays(3), NpgsqlDbType.TimestampTz);
                }

                f.Write(lastScan[wl.Cluster], NpgsqlDbType.Uuid);
                rows++;
                _ = isOpen ? open++ : resolved++;
            }

            n++;
        }

        f.Complete();
        Console.WriteLine($"dashboard-seed: {workloads.Count:N0} workloads, {open:N0} open and {resolved:N0} resolved findings");
        return Task.FromResult(rows);
    }

    private static bool IsScanHour(int h, int hours) => (hours - 1 - h) % _scanEvery == 0;

    private static Guid ScanId(int cluster, int hour) => new(cluster + 1, (short)(hour >> 16), (short)(hour & 0xFFFF), [2, 0, 0, 0, 0, 0, 0, 0]);
}
