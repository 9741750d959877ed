using KubeAdvisor.Core.Inventory;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Teams;
using KubeAdvisor.Web.Infrastructure.Auth;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Tests.Features.Teams;

/// <summary>
/// One database for the team pages' bUnit tests, seeded as the dashboard's and then owned: "storefront" owns prod's
/// shop/web (the whole namespace shop) and billing/worker (no findings), "payments" owns billing/api, and legacy/old
/// (one open high finding) is unowned. The Viewer is a member of storefront. The namespace shop has two days of rollups.
/// </summary>
public sealed class TeamsUiFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; private set; } = null!;

    public DashboardSeed Seed { get; private set; } = null!;

    public Guid Storefront { get; private set; }

    public Guid Payments { get; private set; }

    public Guid WorkerId { get; private set; }

    public Guid OldId { get; private set; }

    public string ConnectionString => Database.ConnectionString;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync();
        await using (var db = DashboardSeeder.Context(ConnectionString))
        {
            await db.Database.MigrateAsync();
        }

        var now = DashboardFixture.Now;
        Seed = await DashboardSeeder.SeedAsync(ConnectionString, now);
        foreach (var role in Roles.All)
        {
            DashboardTestContext.EnsureUser(ConnectionString, role);
        }

        await using var ctx = DashboardSeeder.Context(ConnectionString);
        (Storefront, Payments) = (Guid.NewGuid(), Guid.NewGuid());
        ctx.Teams.AddRange(new Team { Id = Storefront, Name = "storefront", CreatedAt = now }, new Team { Id = Payments, Name = "payments", CreatedAt = now });
        ctx.TeamMembers.Add(new TeamMember { TeamId = Storefront, UserId = DashboardTestContext.UserId(Roles.Viewer) });
        var worker = Workload("billing", "worker", Storefront);
        var old = Workload("legacy", "old", null);
        (WorkerId, OldId) = (worker.Id, old.Id);
        ctx.Workloads.AddRange(worker, old);
        ctx.Findings.Add(new FindingRecord
        {
            ClusterId = Seed.ProdId, WorkloadId = old.Id, Fingerprint = Guid.NewGuid().ToString("N"), Namespace = "legacy", Kind = "Deployment",
            WorkloadName = "old", Container = "old", ContainerType = ContainerType.Regular, Image = "nginx:latest", PolicyId = "image-tag-latest",
            Severity = Severity.High, Message = "The image uses the tag 'latest'.", Remediation = "Pin it.", IsOpen = true,
            FirstSeen = now.AddDays(-30), LastSeen = now.AddMinutes(-5), LastScanId = Seed.ProdScanId,
        });
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        ctx.DailyRollups.AddRange(
            new DailyRollup { ClusterId = Seed.ProdId, Day = today.AddDays(-1), Namespace = "shop", Score = 100, PassedWeight = 10, FailedWeight = 0, Scans = 1 },
            new DailyRollup { ClusterId = Seed.ProdId, Day = today, Namespace = "shop", Score = 75, PassedWeight = 24, FailedWeight = 8, FailedChecks = 2, Scans = 2 });
        await ctx.SaveChangesAsync();
        await ctx.Workloads.Where(w => w.Id == Seed.WebWorkloadId).ExecuteUpdateAsync(s => s.SetProperty(w => w.TeamId, Storefront));
        await ctx.Workloads.Where(w => w.Id == Seed.ApiWorkloadId).ExecuteUpdateAsync(s => s.SetProperty(w => w.TeamId, Payments));
        await Owners.SyncFindingsAsync(ctx, Seed.ProdId, CancellationToken.None); // findings take their workload's team, as a scan does

        WorkloadRecord Workload(string ns, string name, Guid? team) => new()
        {
            Id = Guid.NewGuid(), ClusterId = Seed.ProdId, Uid = Guid.NewGuid().ToString(), Kind = "Deployment", Namespace = ns, Name = name,
            TeamId = team, FirstSeen = now.AddDays(-10), LastSeen = now.AddMinutes(-5),
        };
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>Gives a test user another role in the database (what AccessGuard reads), e.g. an Admin demoted to Viewer.</summary>
    public async Task SetRoleAsync(string userId, string role)
    {
        await using var db = DashboardSeeder.Context(ConnectionString);
        var roleRow = await db.Roles.SingleAsync(r => r.Name == role);
        await db.UserRoles.Where(ur => ur.UserId == userId).ExecuteDeleteAsync();
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = userId, RoleId = roleRow.Id });
        await db.SaveChangesAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class TeamsUiCollection : ICollectionFixture<TeamsUiFixture>
{
    public const string Name = "teams ui";
}
