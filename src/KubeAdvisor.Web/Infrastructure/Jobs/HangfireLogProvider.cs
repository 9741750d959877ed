using Hangfire.Logging;

namespace KubeAdvisor.Web.Infrastructure.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a static. When a second host in the same process (tests, tools) replaces it
/// and is then disposed, Hangfire would throw ObjectDisposedException from its own constructors. This provider
/// forwards to the host's ILoggerFactory and degrades to silence once that factory is gone.
/// </summary>
public sealed class HangfireLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new ForwardingLog(loggerFactory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new ForwardingLog(null);
        }
    }

    private sealed class ForwardingLog(ILogger? logger) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (logger is null)
            {
                return false;
            }

            var level = Map(logLevel);
            if (messageFunc is null)
            {
                return logger.IsEnabled(level);
            }

            try
            {
#pragma warning disable CA2254 // Hangfire hands us finished messages, not templates.
                logger.Log(level, exception, messageFunc());
#pragma warning restore CA2254
            }
            catch (ObjectDisposedException)
            {
                return false;
            }

            return true;
        }

        private static Microsoft.Extensions.Logging.LogLevel Map(Hangfire.Logging.LogLevel level) => level switch
        {
            Hangfire.Logging.LogLevel.Trace => Microsoft.Extensions.Logging.LogLevel.Trace,
            Hangfire.Logging.LogLevel.Debug => Microsoft.Extensions.Logging.LogLevel.Debug,
            Hangfire.Logging.LogLevel.Info => Microsoft.Extensions.Logging.LogLevel.Information,
            Hangfire.Logging.LogLevel.Warn => Microsoft.Extensions.Logging.LogLevel.Warning,
            Hangfire.Logging.LogLevel.Error => Microsoft.Extensions.Logging.LogLevel.Error,
            _ => Microsoft.Extensions.Logging.LogLevel.Critical,
        };
    }
}
