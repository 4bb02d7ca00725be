using System.Net;

using Microsoft.Extensions.Logging;

namespace Parley.Server.Admission;

public sealed partial class ConnectionAdmission
{
    [LoggerMessage(EventId = 240, Level = LogLevel.Warning, Message = "Refused a connection from {Address} ({Listener}): {Code}, limit {Limit}")]
    private partial void LogRefused(object address, string listener, string code, int limit);

    [LoggerMessage(EventId = 241, Level = LogLevel.Warning,
        Message = "Refused a connection from {Address} ({Listener}): {Code}, limit {Limit}; {Unreported} more refused since the last report")]
    private partial void LogRefusedAgain(object address, string listener, string code, int limit, int unreported);

    [LoggerMessage(EventId = 242, Level = LogLevel.Warning, Message = "{Unreported} more connections from {Address} were refused since the last report")]
    private partial void LogUnreportedRefusals(IPAddress address, int unreported);
}
