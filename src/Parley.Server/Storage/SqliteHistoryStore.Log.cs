using Microsoft.Extensions.Logging;

namespace Parley.Server.Storage;

public sealed partial class SqliteHistoryStore
{
    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "History: {Path} migrated to schema version {Version}")]
    private partial void LogMigrated(string path, int version);

    [LoggerMessage(EventId = 611, Level = LogLevel.Warning, Message = "History: checkpoint of {Path} failed ({Reason}); retrying")]
    private partial void LogCheckpointFailed(string path, string reason);

    [LoggerMessage(EventId = 612, Level = LogLevel.Warning, Message = "History: indexing {Path} for search failed ({Reason}); retrying")]
    private partial void LogSearchIndexFailed(string path, string reason);

    [LoggerMessage(EventId = 680, Level = LogLevel.Warning, Message = "History: {Path} holds {Count} direct messages stored before direct-message history was kept by identity; they have no accounts and read as guest messages, hidden from later sessions (docs/operations.md)")]
    private partial void LogLegacyDirect(string path, long count);
}
