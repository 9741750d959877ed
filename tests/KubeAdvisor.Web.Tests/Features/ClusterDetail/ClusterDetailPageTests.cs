using Bunit;
using KubeAdvisor.Web.Features.ClusterDetail;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;

namespace KubeAdvisor.Web.Tests.Features.ClusterDetail;

[Collection(DashboardCollection.Name)]
public sealed class ClusterDetailPageTests(DashboardFixture fx)
{
    [Fact]
    public async Task Render_Seeded_ShowsScoreNamespacesScansAndConnection()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, fx.Seed.ProdId));

        page.WaitForAssertion(() => Assert.Equal("prod", page.Find("[data-testid=cluster-name]").TextContent));
        Assert.Contains("75", page.Find("[data-testid=score]").TextContent);
        var namespaces = page.Find("[data-testid=namespaces-table]").TextContent;
        Assert.Contains("shop", namespaces);
        Assert.Contains("billing", namespaces);
        Assert.Contains("image-tag-missing", namespaces); // billing's worst policy
        Assert.Contains("Connected", page.Find("[data-testid=connection-panel]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=trend-chart]"));
    }

    [Theory]
    [InlineData(20, "online")]
    [InlineData(31, "offline")]
    public async Task Render_AgentCluster_ShowsLivenessAfterThreeMissedIntervals(int minutesSinceContact, string expected)
    {
        // Its own database: the shared seeded one is counted by other pages' tests.
        await using var database = await KubeAdvisor.Testing.PostgresDatabase.CreateAsync();
        var id = Guid.NewGuid();
        await using (var db = KubeAdvisor.Testing.Seeding.DashboardSeeder.Context(database.ConnectionString))
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
            db.Clusters.Add(new KubeAdvisor.Data.Entities.Cluster
            {
                Id = id, Name = "agent-" + id.ToString("N")[..6], ConnectionType = KubeAdvisor.Data.Entities.ConnectionType.Agent,
                AgentTokenHash = id.ToString("N"), AgentIntervalMinutes = 10, AgentVersion = "0.1.0",
                AgentLastContactAt = DashboardFixture.Now.AddMinutes(-minutesSinceContact), CreatedAt = DashboardFixture.Now.AddDays(-1),
            });
            await db.SaveChangesAsync();
        }

        await using var ctx = new DashboardTestContext(database.ConnectionString, Roles.Viewer);
        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.StartsWith(expected, page.Find("[data-testid=agent-liveness]").TextContent));
        Assert.Contains("0.1.0", page.Find("[data-testid=connection-panel]").TextContent);
    }

    [Fact]
    public async Task Render_LastSucceededScanPartial_WarnsWithTheKindsAndTheRbacRule()
    {
        // Its own database: the shared seeded one is counted by other pages' tests.
        await using var database = await KubeAdvisor.Testing.PostgresDatabase.CreateAsync();
        var id = Guid.NewGuid();
        var partialId = Guid.NewGuid();
        await using (var db = KubeAdvisor.Testing.Seeding.DashboardSeeder.Context(database.ConnectionString))
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
            db.Clusters.Add(new KubeAdvisor.Data.Entities.Cluster
            {
                Id = id, Name = "partial-" + id.ToString("N")[..6], ConnectionType = KubeAdvisor.Data.Entities.ConnectionType.Kubeconfig,
                CreatedAt = DashboardFixture.Now.AddDays(-1), LastSucceededScanId = partialId, LastScanAt = DashboardFixture.Now.AddMinutes(-5),
            });
            db.Scans.Add(Scan(id, Guid.NewGuid(), DashboardFixture.Now.AddHours(-2), null));
            db.Scans.Add(Scan(id, partialId, DashboardFixture.Now.AddMinutes(-5), "poddisruptionbudgets.policy=403,cronjobs.batch=404"));
            await db.SaveChangesAsync();
        }

        await using var ctx = new DashboardTestContext(database.ConnectionString, Roles.Viewer);
        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=cluster-name]"));
        var alert = page.FindAll("[data-testid=scan-incomplete]")[0].TextContent;
        Assert.Contains("incomplete: cannot list cronjobs.batch (404), cannot list poddisruptionbudgets.policy (403)", alert); // in listing order
        Assert.Contains("not evaluated", alert);
        Assert.Contains("partially", page.Find("[data-testid=connection-ok]").TextContent);
        Assert.Contains("apiGroups: [\"policy\"], resources: [\"poddisruptionbudgets\"], verbs: [\"get\", \"list\"]", alert);
        // The scan history (another tab) marks the partial scan, not the complete one.
        var history = ctx.Render<ScanHistoryTable>(p => p.Add(x => x.Rows,
        [
            Row(null), Row("poddisruptionbudgets.policy=403"),
        ]));
        Assert.Single(history.FindAll("[data-testid=scan-partial]"));
        Assert.Equal(["1", "1"], history.FindAll("[data-testid=scan-exempt]").Select(c => c.TextContent)); // exempt checks, apart from failed
        Assert.Contains("cannot list poddisruptionbudgets.policy (403)", history.Find("[data-testid=scan-incomplete]").TextContent);
    }

    private static ClusterDetailQueries.ScanRow Row(string? unavailable) => new(
        Guid.NewGuid(), KubeAdvisor.Data.Entities.ScanTrigger.Scheduled, KubeAdvisor.Data.Entities.ScanStatus.Succeeded, null,
        DashboardFixture.Now, DashboardFixture.Now, DashboardFixture.Now.AddSeconds(2), 3, 10, 2, 1, 0, 0, 80, null, unavailable);

    private static KubeAdvisor.Data.Entities.Scan Scan(Guid cluster, Guid id, DateTimeOffset at, string? unavailable) => new()
    {
        Id = id, ClusterId = cluster, Trigger = KubeAdvisor.Data.Entities.ScanTrigger.Scheduled, Status = KubeAdvisor.Data.Entities.ScanStatus.Succeeded,
        QueuedAt = at, StartedAt = at, FinishedAt = at.AddSeconds(3), Workloads = 3, Checks = 10, Passed = 8, Failed = 2, Score = 80,
        UnavailableKinds = unavailable,
    };

    [Fact]
    public async Task Render_Viewer_HasNoScanButton()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, fx.Seed.ProdId));

        page.WaitForAssertion(() => page.Find("[data-testid=cluster-name]"));
        Assert.Empty(page.FindAll("[data-testid=scan-now]"));
    }

    [Fact]
    public async Task Render_Engineer_HasScanButton()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Engineer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, fx.Seed.ProdId));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=scan-now]")));
    }

    [Fact]
    public async Task ScanNowAsync_Viewer_IsRefusedAndQueuesNothing()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);
        var button = ctx.Render<ScanNowButton>(p => p.Add(x => x.ClusterId, fx.Seed.StagingId));

        await button.InvokeAsync(() => button.Instance.ScanNowAsync());

        Assert.Contains("does not allow", button.Find("[data-testid=scan-now-message]").TextContent);
        Assert.Empty(ctx.Jobs.Created);
        Assert.Equal(0L, await fx.Seeded.ScalarAsync($"SELECT count(*) FROM scans WHERE \"ClusterId\" = '{fx.Seed.StagingId}'"));
    }

    [Fact]
    public async Task Render_UnknownCluster_SaysSo()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Contains("no such cluster", page.Find("[data-testid=cluster-not-found]").TextContent));
    }

    [Fact]
    public async Task Render_NeverScanned_ShowsNoScoreAndWhatHappensNext()
    {
        await using var ctx = new DashboardTestContext(fx.Seeded.ConnectionString, Roles.Viewer);

        var page = ctx.Render<ClusterDetailPage>(p => p.Add(x => x.Id, fx.Seed.StagingId));

        page.WaitForAssertion(() => page.Find("[data-testid=connection-never]"));
        Assert.Single(page.FindAll("[data-testid=score-none]"));
        Assert.Single(page.FindAll("[data-testid=trend-empty]"));
    }
}
