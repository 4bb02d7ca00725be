using Microsoft.Extensions.Logging;

namespace Parley.Server.Storage;

public sealed partial class PostgresHistoryStore
{
    [LoggerMessage(EventId = 650, Level = LogLevel.Information, Message = "History: {Database} migrated to schema version {Version}")]
    private partial void LogMigrated(string database, int version);
}
