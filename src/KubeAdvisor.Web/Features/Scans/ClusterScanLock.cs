using KubeAdvisor.Web.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// A PostgreSQL session advisory lock per cluster: a second guard, beside the one-active-scan index, that two
/// processes never scan one cluster at once. The lock lives on its own unpooled connection, so a killed process
/// releases it when its connection dies.
/// </summary>
public sealed class ClusterScanLock(IOptions<KubeAdvisorOptions> options)
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(Guid clusterId, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(options.Value.Database) { Pooling = false }.ConnectionString;
        var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@k)", connection);
        cmd.Parameters.AddWithValue("k", KeyOf(clusterId));
        if (await cmd.ExecuteScalarAsync(ct) is true)
        {
            return connection; // closing the (unpooled) connection ends the session and with it the lock
        }

        await connection.DisposeAsync();
        return null;
    }

    internal static long KeyOf(Guid clusterId) => BitConverter.ToInt64(clusterId.ToByteArray(), 0) ^ 0x4B41_5343_414E_0000; // "KASCAN"
}
