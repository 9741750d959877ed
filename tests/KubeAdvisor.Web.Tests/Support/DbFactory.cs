using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Web.Tests.Support;

/// <summary>A context factory on a test database, for query classes built without the app.</summary>
internal sealed class DbFactory(string connectionString) : IDbContextFactory<KubeAdvisorDbContext>
{
    public KubeAdvisorDbContext CreateDbContext() => KubeAdvisor.Testing.Seeding.DashboardSeeder.Context(connectionString);
}
