using Microsoft.Extensions.Logging;

namespace Parley.Server.Web;

public sealed partial class WebSocketEndpoint
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "WebSocket from {Address}")]
    private partial void LogAccepted(string address);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "WebSocket from {Address} refused: origin {Origin} is not allowed (AllowedOrigins)")]
    private partial void LogOriginRefused(string address, string origin);
}
