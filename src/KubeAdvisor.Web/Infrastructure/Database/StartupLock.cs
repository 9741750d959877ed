using Npgsql;

namespace KubeAdvisor.Web.Infrastructure.Database;

/// <summary>
/// One PostgreSQL session advisory lock around everything a process does to the database before it serves: the key
/// ring check, EF migrations, Hangfire's schema install, the first admin and the recurring jobs. N web and M worker
/// processes that start at once take their turn; each later one finds the work done. It waits (PostgreSQL queues the
/// sessions); a process that dies meanwhile frees it with its connection (docs/decisions/0020-web-and-worker-roles.md).
/// </summary>
public static class StartupLock
{
    internal const long Key = 0x4B41_5354_4152_5400; // "KASTART"

    public static async Task<IAsyncDisposable> AcquireAsync(string connectionString, CancellationToken ct)
    {
        // Unpooled: closing the connection ends the session, and the lock with it, whatever happens in between.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_advisory_lock(@k)", connection);
            cmd.Parameters.AddWithValue("k", Key);
            cmd.CommandTimeout = 0; // another process's migrations may take a while
            await cmd.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
