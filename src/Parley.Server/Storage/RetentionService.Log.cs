using Microsoft.Extensions.Logging;

namespace Parley.Server.Storage;

public sealed partial class RetentionService
{
    [LoggerMessage(EventId = 620, Level = LogLevel.Information, Message = "History: retention deleted {Count} messages")]
    private partial void LogPruned(int count);

    [LoggerMessage(EventId = 621, Level = LogLevel.Warning, Message = "History: a retention pass failed; the next one tries again")]
    private partial void LogPruneFailed(Exception exception);
}
