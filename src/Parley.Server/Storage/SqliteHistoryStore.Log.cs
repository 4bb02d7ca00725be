using Microsoft.Extensions.Logging;

namespace Parley.Server.Storage;

public sealed partial class SqliteHistoryStore
{
    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "History: {Path} migrated to schema version {Version}")]
    private partial void LogMigrated(string path, int version);
}
