using Microsoft.Extensions.Logging;

namespace Parley.Server.Storage;

public sealed partial class PostgresHistoryStore
{
    [LoggerMessage(EventId = 650, Level = LogLevel.Information, Message = "History: {Database} migrated to schema version {Version}")]
    private partial void LogMigrated(string database, int version);

    [LoggerMessage(EventId = 681, Level = LogLevel.Warning, Message = "History: {Database} holds {Count} direct messages stored before direct-message history was kept by identity; they have no accounts and read as guest messages, hidden from later sessions (docs/operations.md)")]
    private partial void LogLegacyDirect(string database, long count);
}
