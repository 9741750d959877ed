using KubeAdvisor.Testing;
using KubeAdvisor.Testing.Seeding;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Tests.Features.Dashboard;

/// <summary>Two migrated databases for the dashboard's bUnit tests: one seeded by DashboardSeeder, one empty.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public PostgresDatabase Seeded { get; private set; } = null!;

    public PostgresDatabase Empty { get; private set; } = null!;

    public DashboardSeed Seed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Seeded = await PostgresDatabase.CreateAsync();
        Empty = await PostgresDatabase.CreateAsync();
        foreach (var db in new[] { Seeded, Empty })
        {
            await using var ctx = DashboardSeeder.Context(db.ConnectionString);
            await ctx.Database.MigrateAsync();
        }

        Seed = await DashboardSeeder.SeedAsync(Seeded.ConnectionString, Now);
    }

    public async Task DisposeAsync()
    {
        await Seeded.DisposeAsync();
        await Empty.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
