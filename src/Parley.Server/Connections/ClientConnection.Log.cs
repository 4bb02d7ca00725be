using Microsoft.Extensions.Logging;

namespace Parley.Server.Connections;

public sealed partial class ClientConnection
{
    [LoggerMessage(EventId = 250, Level = LogLevel.Warning, Message = "{Who} is a slow consumer ({Detail}): disconnecting")]
    private partial void LogSlowConsumer(string who, string detail);

    [LoggerMessage(EventId = 251, Level = LogLevel.Warning, Message = "{Who} kept sending over its budget ({Rate} messages per second, burst {Burst}) for {Timeout}: disconnecting")]
    private partial void LogFlood(string who, int rate, int burst, TimeSpan timeout);

    [LoggerMessage(EventId = 252, Level = LogLevel.Information, Message = "{Who} did not register within {Timeout}: disconnecting")]
    private partial void LogHandshakeTimeout(string who, TimeSpan timeout);

    [LoggerMessage(EventId = 253, Level = LogLevel.Information, Message = "{Who} sent nothing for {Timeout}: disconnecting")]
    private partial void LogIdleTimeout(string who, TimeSpan timeout);

    [LoggerMessage(EventId = 254, Level = LogLevel.Warning, Message = "{Who} did not take its last bytes within {Timeout}: closing")]
    private partial void LogDrainTimeout(string who, TimeSpan timeout);
}
