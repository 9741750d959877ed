using System.Net;
using System.Net.Http.Json;
using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing.Hosting;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Dashboard;
using KubeAdvisor.Web.Features.Findings;
using KubeAdvisor.Web.Features.Violations;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KubeAdvisor.Web.Tests.Features.Findings;

/// <summary>
/// One findings model: the API and the explorer's export write the same CSV for the same filter, the API's /trend and
/// the dashboard's chart have the same points, and an open finding's LastSeen is its cluster's last succeeded scan.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class FindingsModuleTests(WebAppFixture fx) : IAsyncLifetime
{
    private Guid _prod;

    public async Task InitializeAsync()
    {
        if (await fx.Database.ScalarAsync("SELECT count(*) FROM clusters WHERE \"Name\" = 'prod'") is 0L)
        {
            await DashboardSeeder.SeedAsync(fx.Database.ConnectionString, DateTimeOffset.UtcNow);
        }

        _prod = (Guid)(await fx.Database.ScalarAsync("SELECT \"Id\" FROM clusters WHERE \"Name\" = 'prod'"))!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("", 4)]
    [InlineData("&severity=high", 2)]
    [InlineData("&namespace=billing&policy=image-pull-policy-mutable", 1)]
    public async Task Csv_SameFilter_ApiAndExplorerExportAreTheSame(string filter, int rows)
    {
        var api = await ApiAsync(Roles.Engineer);
        var browser = await AccountClient.SignedInClientAsync(fx.App, KubeAdvisorAppFactory.EmailFor(Roles.Engineer));

        var fromApi = await api.GetStringAsync($"/api/v1/clusters/{_prod}/findings?format=csv{filter}");
        var fromUi = await browser.GetStringAsync($"{ViolationsExport.Path}?cluster={_prod}{filter}");

        Assert.Equal(fromUi, fromApi);
        var lines = fromApi.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(FindingsCsv.Header, lines[0]);
        Assert.Equal(rows, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("prod,", l));
    }

    [Theory]
    [InlineData("day")]
    [InlineData("scan")]
    public async Task Trend_SameClusterAndRange_ApiEqualsDashboard(string granularity)
    {
        var api = await ApiAsync(Roles.Viewer);
        var trends = fx.App.Services.GetRequiredService<TrendQueries>();

        var fromApi = await api.GetFromJsonAsync<List<TrendPoint>>($"/api/v1/clusters/{_prod}/trend?days=30&granularity={granularity}");
        var dashboard = granularity == "day"
            ? await trends.ScoreTrendAsync(_prod, "", 30) // what the cluster page charts (10 days of rollups here)
            : await trends.ByScanAsync(_prod, "", 30);

        Assert.NotNull(fromApi);
        Assert.Equal(granularity == "day" ? 10 : 1, dashboard.Count);
        Assert.Equal(dashboard.Select(p => (p.At.UtcDateTime, p.Score, p.FailedChecks)), fromApi.Select(p => (p.At.UtcDateTime, p.Score, p.FailedChecks)));
    }

    [Fact]
    public async Task LastSeen_OpenFinding_IsTheLastSucceededScanAndResolvedKeepsItsOwn()
    {
        // whole seconds: PostgreSQL keeps microseconds, so ticks would not round-trip
        var now = new DateTimeOffset(DateTimeOffset.UtcNow.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var (clusterId, lastScanAt, storedOpen, storedResolved) = await SeedClusterAsync(now);
        var queries = fx.App.Services.GetRequiredService<FindingsQueries>();

        var open = Assert.Single((await queries.PageAsync(new FindingsFilter(clusterId), 0, 50)).Rows);
        var resolved = Assert.Single((await queries.PageAsync(new FindingsFilter(clusterId, Resolved: true), 0, 50)).Rows);
        var streamed = await queries.StreamAsync(new FindingsFilter(clusterId)).SingleAsync();

        Assert.NotEqual(storedOpen, lastScanAt);
        Assert.Equal(lastScanAt, open.LastSeen);
        Assert.Equal(lastScanAt, streamed.LastSeen);
        Assert.Equal(storedResolved, resolved.LastSeen);
        Assert.Equal(Severity.Critical, open.Severity);
        Assert.Equal(ContainerType.Init, open.ContainerType);
    }

    [Fact]
    public async Task Api_UnknownCluster_IsNotFoundForFindingsAndTrend()
    {
        var api = await ApiAsync(Roles.Viewer);

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/clusters/{Guid.NewGuid()}/trend")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/clusters/{Guid.NewGuid()}/findings")).StatusCode);
    }

    // Tokens are created by an Admin and capped to the role asked for.
    private async Task<HttpClient> ApiAsync(string role)
    {
        var owner = await TestUsers.CreateAsync(fx.App, Roles.Admin);
        return ApiClient.WithToken(fx.App, (await TestUsers.CreateTokenAsync(fx.App, owner.Principal, role)).Token).Http;
    }

    // A cluster whose last succeeded scan is later than the stored LastSeen of its open finding (scans do not rewrite it).
    private async Task<(Guid Cluster, DateTimeOffset LastScanAt, DateTimeOffset StoredOpen, DateTimeOffset StoredResolved)> SeedClusterAsync(DateTimeOffset now)
    {
        var factory = fx.App.Services.GetRequiredService<IDbContextFactory<KubeAdvisorDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var cluster = new Cluster { Id = Guid.NewGuid(), Name = "seen-" + Guid.NewGuid().ToString("N")[..6], CreatedAt = now.AddDays(-3) };
        var first = new Scan { Id = Guid.NewGuid(), ClusterId = cluster.Id, Trigger = ScanTrigger.Scheduled, Status = ScanStatus.Succeeded, QueuedAt = now.AddDays(-2), FinishedAt = now.AddDays(-2) };
        var last = new Scan { Id = Guid.NewGuid(), ClusterId = cluster.Id, Trigger = ScanTrigger.Scheduled, Status = ScanStatus.Succeeded, QueuedAt = now.AddHours(-1), FinishedAt = now.AddHours(-1) };
        cluster.LastSucceededScanId = last.Id;
        var workload = new WorkloadRecord
        {
            Id = Guid.NewGuid(), ClusterId = cluster.Id, Uid = Guid.NewGuid().ToString(), Kind = "Deployment", Namespace = "ns", Name = "w",
            ContainersJson = "[]", AnnotationsJson = "{}", FirstSeen = first.FinishedAt!.Value, LastSeen = first.FinishedAt!.Value,
        };
        db.Clusters.Add(cluster);
        db.Scans.AddRange(first, last);
        db.Workloads.Add(workload);
        await db.SaveChangesAsync();
        db.Findings.AddRange(Finding(cluster.Id, workload, first, open: true), Finding(cluster.Id, workload, first, open: false));
        await db.SaveChangesAsync();
        return (cluster.Id, last.FinishedAt!.Value, first.FinishedAt!.Value, first.FinishedAt!.Value);
    }

    private static FindingRecord Finding(Guid clusterId, WorkloadRecord w, Scan seenBy, bool open) => new()
    {
        ClusterId = clusterId, WorkloadId = w.Id, Fingerprint = Guid.NewGuid().ToString("N"), Namespace = w.Namespace, Kind = w.Kind,
        WorkloadName = w.Name, Container = "init", ContainerType = ContainerType.Init, Image = "busybox", PolicyId = open ? "image-tag-latest" : "image-tag-missing",
        Severity = open ? Severity.Critical : Severity.Low, Message = "m", Remediation = "r", IsOpen = open, FirstSeen = seenBy.FinishedAt!.Value,
        LastSeen = seenBy.FinishedAt!.Value, ResolvedAt = open ? null : seenBy.FinishedAt!.Value.AddHours(1), LastScanId = seenBy.Id,
    };
}
