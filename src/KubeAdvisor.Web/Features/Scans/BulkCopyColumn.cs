using System.Globalization;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace KubeAdvisor.Web.Features.Scans;

/// <summary>
/// One column of a <see cref="BulkCopy"/>: reads the property through a typed delegate and writes it typed, so the
/// tens of thousands of values of a scan are neither boxed nor resolved to a converter one by one.
/// </summary>
internal abstract class BulkCopyColumn<TEntity> where TEntity : class
{
    public abstract Task WriteAsync(NpgsqlBinaryImporter importer, TEntity row, CancellationToken ct);

    public static BulkCopyColumn<TEntity> For(IProperty p)
    {
        var type = BulkCopy.TypeOf(p);
        var underlying = Nullable.GetUnderlyingType(p.ClrType);
        if (p.GetTypeMapping().Converter is { } converter)
        {
            return new Converted(p.GetGetter(), converter, type); // Core enums stored as their number or name
        }

        if (p.PropertyInfo?.GetMethod is not { } getter || (underlying ?? p.ClrType).IsEnum)
        {
            return new Boxed(p.GetGetter(), type); // shadow properties and enums (written as their number)
        }

        var column = underlying is null
            ? typeof(Plain<>).MakeGenericType(typeof(TEntity), p.ClrType)
            : typeof(OfNullable<>).MakeGenericType(typeof(TEntity), underlying);
        var func = typeof(Func<,>).MakeGenericType(typeof(TEntity), p.ClrType);
        return (BulkCopyColumn<TEntity>)Activator.CreateInstance(column, getter.CreateDelegate(func), type)!;
    }

    private sealed class Plain<TValue>(Func<TEntity, TValue> get, NpgsqlDbType type) : BulkCopyColumn<TEntity>
    {
        public override Task WriteAsync(NpgsqlBinaryImporter importer, TEntity row, CancellationToken ct) =>
            get(row) is { } value ? importer.WriteAsync(value, type, ct) : importer.WriteNullAsync(ct);
    }

    private sealed class OfNullable<TValue>(Func<TEntity, TValue?> get, NpgsqlDbType type) : BulkCopyColumn<TEntity> where TValue : struct
    {
        public override Task WriteAsync(NpgsqlBinaryImporter importer, TEntity row, CancellationToken ct) =>
            get(row) is { } value ? importer.WriteAsync(value, type, ct) : importer.WriteNullAsync(ct);
    }

    private sealed class Converted(IClrPropertyGetter get, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter converter, NpgsqlDbType type)
        : BulkCopyColumn<TEntity>
    {
        public override Task WriteAsync(NpgsqlBinaryImporter importer, TEntity row, CancellationToken ct) =>
            get.GetClrValue(row) is { } value ? importer.WriteAsync(converter.ConvertToProvider(value)!, type, ct) : importer.WriteNullAsync(ct);
    }

    private sealed class Boxed(IClrPropertyGetter get, NpgsqlDbType type) : BulkCopyColumn<TEntity>
    {
        public override Task WriteAsync(NpgsqlBinaryImporter importer, TEntity row, CancellationToken ct) =>
            get.GetClrValue(row) switch
            {
                null => importer.WriteNullAsync(ct),
                Enum e => importer.WriteAsync(Convert.ToInt32(e, CultureInfo.InvariantCulture), type, ct),
                var value => importer.WriteAsync(value, type, ct),
            };
    }
}
