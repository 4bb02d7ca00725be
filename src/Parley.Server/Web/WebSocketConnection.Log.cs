using Microsoft.Extensions.Logging;

namespace Parley.Server.Web;

public sealed partial class WebSocketConnection
{
    private string Who => RemoteEndPoint?.ToString() ?? ConnectionId;

    [LoggerMessage(EventId = 710, Level = LogLevel.Debug, Message = "WebSocket {Who} did not answer the close frame within {Wait}: connection dropped")]
    private partial void LogNoCloseReply(string who, TimeSpan wait);

    [LoggerMessage(EventId = 711, Level = LogLevel.Debug, Message = "WebSocket {Who}: close handshake failed ({Error}): connection dropped")]
    private partial void LogCloseFailed(string who, string error);
}
