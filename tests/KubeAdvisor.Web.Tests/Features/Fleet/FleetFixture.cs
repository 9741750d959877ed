using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Seeding;
using KubeAdvisor.Web.Tests.Features.Dashboard;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Tests.Features.Fleet;

/// <summary>One migrated database seeded by <see cref="FleetSeeder"/> at <see cref="DashboardFixture.Now"/>.</summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; private set; } = null!;

    public FleetSeeder.Fleet Fleet { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await PostgresDatabase.CreateAsync();
        await using (var ctx = DashboardSeeder.Context(Database.ConnectionString))
        {
            await ctx.Database.MigrateAsync();
        }

        Fleet = await FleetSeeder.SeedAsync(Database.ConnectionString, DashboardFixture.Now);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class FleetCollection : ICollectionFixture<FleetFixture>
{
    public const string Name = "fleet";
}
