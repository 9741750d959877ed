using KubeAdvisor.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// Inserts many new rows, and rewrites columns of many existing rows by key, with PostgreSQL binary COPY on the scan's own
/// connection and transaction (so a failed scan still changes nothing). Columns come from the EF model: identity keys
/// and computed columns are left to the database, everything else is written as mapped. Rows written this way are not
/// tracked by the context.
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

        var (entity, table) = TableOf<T>(db);
        await CopyAsync(db, Quoted(table.Name), entity.GetProperties().Where(p => IsWritten(p, table)).ToList(), table, row, ct);
    }

    /// <summary>
    /// Writes <paramref name="compared"/> and <paramref name="alsoSet"/> of rows that exist, by primary key: COPY into a
    /// temporary table, then one UPDATE … FROM. A row is rewritten only where one of <paramref name="compared"/> is
    /// distinct from what is stored (jsonb by meaning, as PostgreSQL compares it), so a row whose hash moved while its
    /// content did not (jsonb printed otherwise than <see cref="JsonbText"/> writes it) keeps its row version and its
    /// <paramref name="alsoSet"/> columns (when it was last seen), as it did when the texts were compared in memory.
    /// </summary>
    public static async Task UpdateAsync<T>(KubeAdvisorDbContext db, IReadOnlyCollection<T> rows, IReadOnlyList<string> compared,
        IReadOnlyList<string> alsoSet, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("BulkCopy.UpdateAsync runs in the caller's transaction (its temporary table goes at commit).");
        }

        var (entity, table) = TableOf<T>(db);
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var set = compared.Concat(alsoSet).Select(entity.GetProperty).ToList();
        string Column(IProperty p) => Quoted(p.GetColumnName(table)!);
        string Row(string alias) => string.Join(", ", compared.Select(entity.GetProperty).Select(p => $"{alias}.{Column(p)}"));
        var temp = Quoted("bulk_update_" + table.Name);
        // Names only, from the EF model; the values travel by COPY.
        var create = $"CREATE TEMP TABLE {temp} ON COMMIT DROP AS SELECT {string.Join(", ", set.Prepend(key).Select(Column))} FROM {Quoted(table.Name)} WITH NO DATA";
        await db.Database.ExecuteSqlRawAsync(create, ct);
        using (var row = rows.GetEnumerator())
        {
            row.MoveNext();
            await CopyAsync(db, temp, [key, .. set], table, row, ct);
        }

        var update = $"UPDATE {Quoted(table.Name)} AS x SET {string.Join(", ", set.Select(p => $"{Column(p)} = t.{Column(p)}"))} FROM {temp} AS t "
            + $"WHERE x.{Column(key)} = t.{Column(key)} AND ROW({Row("x")}) IS DISTINCT FROM ROW({Row("t")}); DROP TABLE {temp}";
        await db.Database.ExecuteSqlRawAsync(update, ct);
    }

    /// <param name="row">On the first row.</param>
    private static async Task CopyAsync<T>(KubeAdvisorDbContext db, string target, IReadOnlyList<IProperty> properties, StoreObjectIdentifier table,
        IEnumerator<T> row, CancellationToken ct) where T : class
    {
        var columns = properties.Select(BulkCopyColumn<T>.For).ToArray();
        var sql = $"COPY {target} ({string.Join(", ", properties.Select(p => Quoted(p.GetColumnName(table)!)))}) FROM STDIN (FORMAT BINARY)";
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

    private static (IEntityType Entity, StoreObjectIdentifier Table) TableOf<T>(KubeAdvisorDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        return (entity, StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()));
    }

    private static string Quoted(string name) => $"\"{name}\"";

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
