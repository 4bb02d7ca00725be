using Microsoft.Extensions.Logging;

namespace Parley.Server.Connections;

public sealed partial class ConnectionRegistry
{
    [LoggerMessage(EventId = 255, Level = LogLevel.Error, Message = "Heartbeat check of a connection failed")]
    private partial void LogTickFailed(Exception exception);
}
