using Microsoft.Extensions.Logging;

namespace Parley.Core.History;

internal sealed partial class HistoryWriter
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "History: storing {Count} messages failed (attempt {Attempt}), retrying: {Reason}")]
    private static partial void LogCommitRetry(ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "History: {Count} messages could not be stored; they were not delivered and their senders were told")]
    private static partial void LogCommitFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 602, Level = LogLevel.Error, Message = "History: delivering message {Id} failed")]
    private static partial void LogDeliveryFault(ILogger logger, long id, Exception exception);

    [LoggerMessage(EventId = 603, Level = LogLevel.Critical, Message = "History: the writer stopped; no more messages are stored")]
    private static partial void LogWriterFault(ILogger logger, Exception exception);
}
