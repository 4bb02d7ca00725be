using Microsoft.Extensions.Logging;

using Parley.Core.History;

namespace Parley.Server.Storage;

/// <summary>Which history store the settings choose: PostgreSQL when a connection string is given (--postgres),
/// else the SQLite file (--data); none with --no-history, which wins over both.</summary>
public static class HistoryStores
{
    public static string Describe(HistoryOptions options, string? postgres)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return string.IsNullOrWhiteSpace(postgres) ? "none (history off)" : "none (history off; --postgres not used)";
        }

        return string.IsNullOrWhiteSpace(postgres)
            ? "sqlite " + DataPath.Resolve(options.Data, Environment.GetEnvironmentVariable)
            : PostgresHistoryStore.Describe(postgres);
    }

    public static IHistoryStore Create(HistoryOptions options, string? postgres, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            return new PostgresHistoryStore(postgres, loggers.CreateLogger<PostgresHistoryStore>());
        }

        var path = DataPath.Resolve(options.Data, Environment.GetEnvironmentVariable);
        return new SqliteHistoryStore(path, options.LockTimeout, loggers.CreateLogger<SqliteHistoryStore>());
    }
}
