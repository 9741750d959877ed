using KubeAdvisor.Core.Exceptions;
using KubeAdvisor.Core.Policies;
using KubeAdvisor.Data.Entities;
using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Features.Clusters;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Tests.Features.Exceptions;

/// <summary>
/// One database for the exception pages' bUnit tests, seeded as the dashboard's ("prod" with the workloads web and api,
/// "staging"), apart from the shared dashboard database so that exceptions and notes change no other page's numbers.
/// Each test adds its own exceptions and finds them by their reason.
/// </summary>
public sealed class ExceptionsUiFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; private set; } = null!;

    public DashboardSeed Seed { get; private set; } = null!;

    public string ConnectionString => Database.ConnectionString;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync();
        await using (var db = DashboardSeeder.Context(ConnectionString))
        {
            await db.Database.MigrateAsync();
        }

        Seed = await DashboardSeeder.SeedAsync(ConnectionString, DashboardFixture.Now);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>Stores an exception: approved, on prod, shop/Deployment/web, image-tag-latest, ending in 20 days, unless changed.</summary>
    public async Task<Guid> AddAsync(string reason, Action<PolicyException>? change = null)
    {
        var now = DashboardFixture.Now;
        var row = new PolicyException
        {
            Id = Guid.NewGuid(), ClusterId = Seed.ProdId, Namespace = "shop", Kind = "Deployment", Name = "web", Policies = ["image-tag-latest"],
            Reason = reason, ExpiresAt = now.AddDays(20), Status = ExceptionStatus.Approved, RequestedBy = "someone@test.local",
            RequestedByUserId = "someone", RequestedAt = now.AddDays(-2), DecidedBy = "admin@test.local", DecidedAt = now.AddDays(-1),
        };
        change?.Invoke(row);
        await using var db = DashboardSeeder.Context(ConnectionString);
        db.PolicyExceptions.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    public async Task<PolicyException> FindAsync(Guid id)
    {
        await using var db = DashboardSeeder.Context(ConnectionString);
        return await db.PolicyExceptions.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    /// <summary>A present workload of <paramref name="clusterId"/> with these annotations (JSON), as a scan stores it.</summary>
    public async Task<Guid> AddWorkloadAsync(Guid clusterId, string ns, string name, string annotationsJson)
    {
        await using var db = DashboardSeeder.Context(ConnectionString);
        var row = new WorkloadRecord
        {
            Id = Guid.NewGuid(), ClusterId = clusterId, Uid = Guid.NewGuid().ToString(), Kind = "Deployment", Namespace = ns, Name = name,
            AnnotationsJson = annotationsJson, FirstSeen = DashboardFixture.Now.AddDays(-1), LastSeen = DashboardFixture.Now.AddMinutes(-5),
        };
        db.Workloads.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    /// <summary>Sets what the exempt annotation does on a cluster, straight in its stored settings.</summary>
    public async Task SetAnnotationModeAsync(Guid clusterId, ExemptAnnotationMode mode)
    {
        await using var db = DashboardSeeder.Context(ConnectionString);
        var cluster = await db.Clusters.SingleAsync(c => c.Id == clusterId);
        cluster.PolicySettingsJson = PolicySettingsJson.Serialize(PolicySettingsJson.Deserialize(cluster.PolicySettingsJson) with { ExemptAnnotations = mode });
        await db.SaveChangesAsync();
    }

    /// <summary>Gives a test user another role in the database (what AccessGuard reads), e.g. an Engineer demoted to Viewer.</summary>
    public async Task SetRoleAsync(string userId, string role)
    {
        await using var db = DashboardSeeder.Context(ConnectionString);
        var roleRow = await db.Roles.SingleOrDefaultAsync(r => r.Name == role)
            ?? db.Roles.Add(new Microsoft.AspNetCore.Identity.IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
        db.UserRoles.RemoveRange(db.UserRoles.Where(ur => ur.UserId == userId));
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = userId, RoleId = roleRow.Id });
        await db.SaveChangesAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ExceptionsUiCollection : ICollectionFixture<ExceptionsUiFixture>
{
    public const string Name = "exceptions ui";
}
