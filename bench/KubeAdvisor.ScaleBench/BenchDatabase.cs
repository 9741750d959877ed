using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// The product's DbContext configuration (<see cref="DbContextOptionsExtensions.UseKubeAdvisorDatabase"/>) plus the
/// bench's <see cref="CommandClock"/>, handed out through a plain <see cref="IDbContextFactory{TContext}"/>.
/// </summary>
internal sealed class BenchDatabase : IDbContextFactory<KubeAdvisorDbContext>
{
    private readonly DbContextOptions<KubeAdvisorDbContext> _options;

    public BenchDatabase(string connectionString)
    {
        Clock = new CommandClock();
        var builder = new DbContextOptionsBuilder<KubeAdvisorDbContext>();
        builder.UseKubeAdvisorDatabase(connectionString).AddInterceptors(Clock, Clock.Transactions);
        _options = builder.Options;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public CommandClock Clock { get; }

    public KubeAdvisorDbContext CreateDbContext() => new(_options);

    public async Task MigrateAsync()
    {
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync();
    }
}
