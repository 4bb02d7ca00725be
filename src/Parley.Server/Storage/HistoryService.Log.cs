using Microsoft.Extensions.Logging;

namespace Parley.Server.Storage;

public sealed partial class HistoryService
{
    [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "Stopping: the history writer did not finish within the shutdown timeout; messages it had not committed are not stored")]
    private partial void LogStopTimedOut();
}
