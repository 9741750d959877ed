using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// Inserts many new rows with PostgreSQL binary COPY on the scan's own connection and transaction (so a failed scan
/// still changes nothing). Columns come from the EF model: identity keys and computed columns are left to the
/// database, everything else is written as mapped. Rows inserted this way are not tracked by the context.
/// </summary>
internal static class BulkCopy
{
    /// <param name="db">The scan's context, with its transaction.</param>
    /// <param name="rows">Enumerated once, while the rows are sent: a lazy sequence is never held whole (a first scan of
    /// 50,000 workloads makes as many rows; decision 0042). It must not use the connection itself.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task InsertAsync<T>(KubeAdvisorDbContext db, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        using var row = rows.GetEnumerator();
        if (!row.MoveNext())
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => IsWritten(p, table)).ToList();
        var columns = properties.Select(BulkCopyColumn<T>.For).ToArray();
        var sql = $"COPY \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) FROM STDIN (FORMAT BINARY)";

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(sql, ct);
        do
        {
            await importer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                await column.WriteAsync(importer, row.Current, ct);
            }
        }
        while (row.MoveNext());

        await importer.CompleteAsync(ct);
    }

    internal static NpgsqlDbType TypeOf(IProperty p) =>
        p.GetColumnType() == "jsonb" ? NpgsqlDbType.Jsonb
        : (Nullable.GetUnderlyingType(p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType) ?? p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType) switch
        {
            var t when t == typeof(Guid) => NpgsqlDbType.Uuid,
            var t when t == typeof(string) => NpgsqlDbType.Text,
            var t when t == typeof(int) || t.IsEnum => NpgsqlDbType.Integer,
            var t when t == typeof(long) => NpgsqlDbType.Bigint,
            var t when t == typeof(double) => NpgsqlDbType.Double,
            var t when t == typeof(bool) => NpgsqlDbType.Boolean,
            var t when t == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
            var t when t == typeof(DateOnly) => NpgsqlDbType.Date,
            var t => throw new NotSupportedException($"BulkCopy cannot write {t.Name} ({p.Name})."),
        };

    private static bool IsWritten(IProperty p, StoreObjectIdentifier table) =>
        p.GetComputedColumnSql(table) is null
        && !(p.IsPrimaryKey() && p.ClrType == typeof(long)); // identity column: the database numbers it
}
