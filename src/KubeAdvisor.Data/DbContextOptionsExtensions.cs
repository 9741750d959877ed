using Microsoft.EntityFrameworkCore;

namespace KubeAdvisor.Data;

/// <summary>The single place that configures Npgsql for KubeAdvisor.</summary>
public static class DbContextOptionsExtensions
{
    public static DbContextOptionsBuilder UseKubeAdvisorDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql
            .MigrationsAssembly(DatabaseDefaults.MigrationsAssembly)
            .MigrationsHistoryTable(DatabaseDefaults.MigrationsHistoryTable, DatabaseDefaults.Schema));
}
