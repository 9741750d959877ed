using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Audit;
using KubeAdvisor.Web.Features.Demo;
using KubeAdvisor.Web.Features.Scans;
using KubeAdvisor.Web.Features.Teams;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace KubeAdvisor.Web.Tests.Features.Demo;

/// <summary>
/// ./run.sh --demo's seeded history (decision 0031): prod-eu, prod-us and staging with 90 days in the real storage model,
/// seeded once, never scanned, with the regression of two weeks ago in the trend API; removal deletes them and only them.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class DemoHistoryTests(ITestOutputHelper output)
{
    private static readonly string[] History = ["prod-eu", "prod-us", "staging"];

    [Fact]
    public async Task SeedAsync_FreshDatabase_SeedsThreeLabelledClustersOnceWithIntroducedAndFixed()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using (var db = DashboardSeeder.Context(database.ConnectionString))
        {
            await db.Database.MigrateAsync();
        }

        var seeder = Seeder(database.ConnectionString);
        var clock = Stopwatch.StartNew();
        var first = await seeder.SeedAsync(CancellationToken.None);
        output.WriteLine($"demo history seeded in {clock.Elapsed.TotalSeconds:F2} s");
        var second = await seeder.SeedAsync(CancellationToken.None);

        await using var check = DashboardSeeder.Context(database.ConnectionString);
        var clusters = await check.Clusters.OrderBy(c => c.Name).ToListAsync();
        Assert.Equal(History, first);
        Assert.Empty(second);
        Assert.Equal(History, clusters.Select(c => c.Name));
        Assert.All(clusters, c =>
        {
            Assert.True(c.IsDemo);
            Assert.Equal(ConnectionType.DemoHistory, c.ConnectionType);
            Assert.Contains("\"env\"", c.LabelsJson, StringComparison.Ordinal);
            Assert.Contains("\"region\"", c.LabelsJson, StringComparison.Ordinal);
            Assert.NotNull(c.LastSucceededScanId);
        });
        Assert.Equal(3 * 90, await check.Scans.CountAsync(s => s.Status == ScanStatus.Succeeded));
        Assert.True(await check.Scans.SumAsync(s => s.Introduced) > 0);
        Assert.True(await check.Scans.SumAsync(s => s.Fixed) > 0);
        Assert.True(await check.DailyRollups.Where(r => r.Namespace == "").SumAsync(r => r.Fixed) > 0);
        Assert.True(await check.Findings.CountAsync(f => f.IsOpen) > 0);
        Assert.True(await check.Findings.CountAsync(f => !f.IsOpen && f.FixedByScanId != null && f.ResolvedAt != null) > 0);
        // the replica-drift incident of prod-eu, fixed by pinning the image to its digest
        var drift = await check.Findings.SingleAsync(f => f.PolicyId == "image-replica-drift");
        Assert.False(drift.IsOpen);
        Assert.Contains("@sha256:", (await check.Workloads.SingleAsync(w => w.Id == drift.WorkloadId)).ContainersJson, StringComparison.Ordinal);

        // owned from the first day: a demo team per namespace, a rule per team and cluster, and a team page with a score and a trend
        var teams = await check.Teams.OrderBy(t => t.Name).ToListAsync();
        Assert.Equal(["payments (demo)", "platform (demo)", "shop (demo)"], teams.Select(t => t.Name));
        Assert.Equal(9, await check.OwnershipRules.CountAsync(r => r.ClusterId != null && r.NamespaceLabel!.StartsWith("team=")));
        Assert.False(await check.Workloads.AnyAsync(w => w.TeamId == null));
        Assert.False(await check.Findings.AnyAsync(f => f.TeamId == null));
        var payments = (await new TeamPageQueries(new DbFactory(database.ConnectionString), TimeProvider.System)
            .LoadAsync(teams[0].Id, trendDays: 90))!;
        Assert.Equal(9, payments.Workloads); // three workloads in each of three clusters
        Assert.Equal(3, payments.Score.Namespaces);
        Assert.NotNull(payments.Score.Score);
        Assert.InRange(payments.Trend.Count, 80, 91);
        Assert.NotEmpty(payments.Worst);
    }

    [Fact]
    public async Task DemoMode_TrendShowsTheRegression_HistoryIsNotScanned_RemovalDeletesOnlyItAndItStaysGone()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = new Dictionary<string, string?> { ["DEMO"] = "true", ["SERVER_ALLOWLIST"] = "" };
        Guid demo;
        await using (var app = new KubeAdvisorAppFactory(database.ConnectionString, settings))
        {
            var api = ApiClient.WithToken(app, KubeAdvisorAppFactory.BootstrapToken);
            var clusters = JsonNode.Parse(await api.Http.GetStringAsync("/api/v1/clusters"))!.AsArray().Select(c => c!).ToDictionary(c => c["name"]!.GetValue<string>());
            Assert.Equal(["demo", .. History], clusters.Keys.Order());
            demo = clusters["demo"]["id"]!.GetValue<Guid>();
            var prodEu = clusters["prod-eu"]["id"]!.GetValue<Guid>();

            var trend = JsonNode.Parse(await api.Http.GetStringAsync($"/api/v1/clusters/{prodEu}/trend?days=90"))!.AsArray()
                .Select(p => (At: p!["at"]!.GetValue<DateTimeOffset>(), Score: p["score"]!.GetValue<double>())).ToList();
            double DaysAgo(int d) => trend.Single(p => p.At.Date == DateTime.UtcNow.Date.AddDays(-d)).Score;
            Assert.InRange(trend.Count, 89, 91);
            Assert.True(DaysAgo(13) < DaysAgo(15) - 5, $"no drop two weeks ago: {DaysAgo(15)} -> {DaysAgo(13)}");
            Assert.True(DaysAgo(9) > DaysAgo(13) + 5, $"no recovery: {DaysAgo(13)} -> {DaysAgo(9)}");
            Assert.True(trend[^1].Score > trend[0].Score + 15, $"no improvement over 90 days: {trend[0].Score} -> {trend[^1].Score}");

            // never scanned: no "Scan now" through the API, nothing queued by the dispatcher
            var scanNow = await api.Http.PostAsync($"/api/v1/clusters/{prodEu}/scans", null);
            await ActivatorUtilities.CreateInstance<ScanDispatcherJob>(app.Services).RunAsync(CancellationToken.None);
            Assert.Equal(HttpStatusCode.NotFound, scanNow.StatusCode);
            Assert.Equal(0L, await database.ScalarAsync(
                $"SELECT count(*) FROM scans s JOIN clusters c ON c.\"Id\" = s.\"ClusterId\" WHERE c.\"ConnectionType\" = {(int)ConnectionType.DemoHistory} AND s.\"Status\" <> {(int)ScanStatus.Succeeded}"));

            await app.SeedRoleUsersAsync();
            var viewer = await AccountClient.SignedInClientAsync(app, KubeAdvisorAppFactory.EmailFor(Roles.Viewer));
            var refused = await viewer.DeleteAsync("/api/v1/demo/history");
            var removed = JsonNode.Parse(await (await api.Http.DeleteAsync("/api/v1/demo/history")).Content.ReadAsStringAsync())!["removed"]!.AsArray();
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(History, removed.Select(n => n!.GetValue<string>()));
            var left = JsonNode.Parse(await api.Http.GetStringAsync("/api/v1/clusters"))!.AsArray();
            Assert.Equal(demo, Assert.Single(left)!["id"]!.GetValue<Guid>());
        }

        foreach (var table in new[] { "scans", "findings", "workloads", "daily_rollups", "score_samples", "scan_summaries", "namespaces" })
        {
            Assert.Equal(0L, await database.ScalarAsync($"SELECT count(*) FROM {table} WHERE \"ClusterId\" <> '{demo}'"));
        }

        Assert.Equal(0L, await database.ScalarAsync("SELECT count(*) FROM teams WHERE \"Name\" LIKE '% (demo)'"));

        // a restart in demo mode does not seed it again: it was removed on purpose
        await using (var restarted = new KubeAdvisorAppFactory(database.ConnectionString, settings))
        {
            var api = ApiClient.WithToken(restarted, KubeAdvisorAppFactory.BootstrapToken);
            Assert.Single(JsonNode.Parse(await api.Http.GetStringAsync("/api/v1/clusters"))!.AsArray());
        }
    }

    private static DemoHistorySeeder Seeder(string connectionString)
    {
        var factory = new DbFactory(connectionString);
        return new DemoHistorySeeder(factory, new AuditLog(factory, TimeProvider.System, new HttpContextAccessor()), TimeProvider.System,
            NullLogger<DemoHistorySeeder>.Instance);
    }
}
