using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KubeAdvisor.Web.Tests.Features.Dashboard;

/// <summary>The trend pooled over every cluster, aggregated per day in SQL: each cluster's day weighs its average per scan.</summary>
public sealed class PooledTrendTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private PostgresDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresDatabase.CreateAsync();
        await using var ctx = DashboardSeeder.Context(_db.ConnectionString);
        await ctx.Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ByDayAsync_AllClusters_PoolsAverageWeightsPerScanAndSumsFailedChecks()
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        await using (var ctx = DashboardSeeder.Context(_db.ConnectionString))
        {
            var a = new Cluster { Id = Guid.NewGuid(), Name = "a", CreatedAt = Now };
            var b = new Cluster { Id = Guid.NewGuid(), Name = "b", CreatedAt = Now };
            ctx.Clusters.AddRange(a, b);
            // a: scanned 4 times today (weights summed over scans), b once; yesterday only a.
            ctx.DailyRollups.AddRange(
                Rollup(a.Id, today, passed: 80, failed: 40, scans: 4, failedChecks: 10),
                Rollup(b.Id, today, passed: 5, failed: 5, scans: 1, failedChecks: 3),
                Rollup(a.Id, today.AddDays(-1), passed: 9, failed: 1, scans: 1, failedChecks: 1),
                Rollup(b.Id, today, passed: 1, failed: 99, scans: 1, failedChecks: 50, ns: "team-x"), // a namespace row: not pooled
                Rollup(a.Id, today.AddDays(-40), passed: 0, failed: 10, scans: 1, failedChecks: 9)); // outside 30 days
            await ctx.SaveChangesAsync();
        }

        var trends = new TrendQueries(new DbFactory(_db.ConnectionString), new FakeTimeProvider(Now));
        var points = await trends.ByDayAsync(null, "", 30);

        Assert.Equal(2, points.Count);
        Assert.Equal((today.AddDays(-1), 90d, 1), (DateOnly.FromDateTime(points[0].At.UtcDateTime), points[0].Score, points[0].FailedChecks));
        // today: a weighs (20 passed, 10 failed) per scan, b (5, 5): 25 / 40 passed
        Assert.Equal(today, DateOnly.FromDateTime(points[1].At.UtcDateTime));
        Assert.Equal(Scores.Exact(25, 15), points[1].Score);
        Assert.Equal(62.5, points[1].Score, 3);
        Assert.Equal(13, points[1].FailedChecks);
    }

    private static DailyRollup Rollup(Guid cluster, DateOnly day, double passed, double failed, int scans, int failedChecks, string ns = "") => new()
    {
        ClusterId = cluster, Day = day, Namespace = ns, PassedWeight = passed, FailedWeight = failed, Scans = scans, FailedChecks = failedChecks,
        Score = Scores.Exact(passed, failed),
    };
}
