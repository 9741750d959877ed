using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KubeAdvisor.ScaleBench;

/// <summary>
/// Records what EF sends to PostgreSQL: every command's text and duration (until the reader is returned, so row
/// reading is not included), and how long transactions stay open (begin → commit: the scan store's write time).
/// </summary>
internal sealed class CommandClock : DbCommandInterceptor
{
    private readonly ConcurrentQueue<(string Sql, double Ms)> _commands = new();

    public TransactionClock Transactions { get; } = new();

    public bool Enabled { get; set; }

    public IReadOnlyList<(string Sql, double Ms)> Drain()
    {
        var list = new List<(string, double)>();
        while (_commands.TryDequeue(out var c))
        {
            list.Add(c);
        }

        return list;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return base.ScalarExecutedAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command, CommandExecutedEventData e)
    {
        if (Enabled)
        {
            _commands.Enqueue((command.CommandText, e.Duration.TotalMilliseconds));
        }
    }

    /// <summary>Begin → commit of the last committed transaction.</summary>
    internal sealed class TransactionClock : DbTransactionInterceptor
    {
        private long _started;

        public TimeSpan LastCommitted { get; private set; }

        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            _started = Stopwatch.GetTimestamp();
            return base.TransactionStartedAsync(connection, eventData, result, cancellationToken);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            LastCommitted = Stopwatch.GetElapsedTime(_started);
            return base.TransactionCommittedAsync(transaction, eventData, cancellationToken);
        }
    }
}
