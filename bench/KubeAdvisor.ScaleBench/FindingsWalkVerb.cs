using System.Diagnostics;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// <c>findings-walk</c> (issue #15): all open findings of the cluster with the most, read the way the API reads them
/// (<see cref="FindingsQueries.PageAsync"/> with running digests, one call per page): by page number (OFFSET) and by
/// cursor (keyset), as the CSV (<see cref="FindingsCsv"/> over <see cref="FindingsQueries.StreamAsync"/>) and as openreports
/// Reports (<see cref="OpenReportsWriter"/>). Calls the
/// query module in process: HTTP, authentication and JSON writing are not in these times.
/// </summary>
internal static class FindingsWalkVerb
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var database = new BenchDatabase(args.Required("db"));
        await database.MigrateAsync();
        var queries = new FindingsQueries(database);
        Guid cluster;
        int open;
        await using (var db = database.CreateDbContext())
        {
            var top = await db.Findings.Where(f => f.IsOpen).GroupBy(f => f.ClusterId).Select(g => new { g.Key, Count = g.Count() })
                .OrderByDescending(g => g.Count).FirstAsync();
            (cluster, open) = (top.Key, top.Count);
        }

        var filter = new FindingsFilter(cluster);
        Console.WriteLine($"findings-walk: {open:N0} open findings in the largest cluster; load average "
            + $"{string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        await queries.PageAsync(filter, 0, 100, withDigests: true); // warm-up

        foreach (var size in new[] { 500, 1000 })
        {
            var clock = Stopwatch.StartNew();
            var (rows, pages) = (0, 0);
            for (var page = 0; ; page++)
            {
                var result = await queries.PageAsync(filter, page, size, withDigests: true);
                (rows, pages) = (rows + result.Rows.Count, pages + 1);
                if (result.Next is null)
                {
                    break;
                }
            }

            Report($"offset, pages of {size}", rows, pages, clock.Elapsed);
            clock.Restart();
            (rows, pages) = (0, 0);
            FindingsCursor? after = null;
            do
            {
                var result = await queries.PageAsync(filter, 0, size, withDigests: true, after: after);
                (rows, pages, after) = (rows + result.Rows.Count, pages + 1, result.Next);
            }
            while (after is not null);

            Report($"cursor, pages of {size}", rows, pages, clock.Elapsed);
        }

        var csvClock = Stopwatch.StartNew();
        var counter = new CountingStream();
        await FindingsCsv.WriteAsync(counter, queries.StreamAsync(filter), CancellationToken.None);
        Console.WriteLine($"  CSV, one stream: {csvClock.Elapsed.TotalSeconds:F2} s, {counter.Length / 1024 / 1024} MiB; "
            + $"managed heap now {GC.GetTotalMemory(false) / 1024 / 1024} MiB");

        // The openreports List (GET /api/v1/clusters/{id}/reports, decision 0031): the same rows in namespace order, with tallies.
        var reportsClock = Stopwatch.StartNew();
        var reports = new OpenReportsWriter(database, queries);
        var reportBytes = new CountingStream();
        await reports.WriteAsync(reportBytes, (await reports.LoadAsync(cluster, null, CancellationToken.None))!, CancellationToken.None);
        Console.WriteLine($"  reports (openreports List), one stream: {reportsClock.Elapsed.TotalSeconds:F2} s, {reportBytes.Length / 1024 / 1024} MiB; "
            + $"managed heap now {GC.GetTotalMemory(false) / 1024 / 1024} MiB");
        return 0;
    }

    private static void Report(string what, int rows, int pages, TimeSpan elapsed) =>
        Console.WriteLine($"  {what}: {rows:N0} rows in {pages} pages, {elapsed.TotalSeconds:F2} s ({elapsed.TotalMilliseconds / pages:F0} ms a page)");

    // Stream.Null with a byte count (the CSV's size).
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
