using Microsoft.Extensions.Logging;

namespace Parley.Server.Memory;

public sealed partial class MemoryTrimmer
{
    [LoggerMessage(EventId = 256, Level = LogLevel.Debug, Message = "Quiet after a burst: collected, committed GC memory {BeforeKiB} KiB -> {AfterKiB} KiB")]
    private partial void LogTrimmed(long beforeKiB, long afterKiB);

    [LoggerMessage(EventId = 257, Level = LogLevel.Error, Message = "Memory trim check failed")]
    private partial void LogTrimFailed(Exception exception);
}
