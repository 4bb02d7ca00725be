using Microsoft.Extensions.Logging;

using Parley.Core.Hub;
using Parley.Protocols.Json;

namespace Parley.Server.Sessions;

public sealed partial class JsonSession
{
    [LoggerMessage(EventId = 231, Level = LogLevel.Information, Message = "{Address} refused nickname \"{Nick}\": {Result}")]
    private partial void LogRefused(string address, string nick, RegistrationResult result);

    [LoggerMessage(EventId = 232, Level = LogLevel.Debug, Message = "{Address}: {Error}")]
    private partial void LogConnectionError(string address, string error);

    [LoggerMessage(EventId = 234, Level = LogLevel.Information, Message = "{Address} sent a bad frame ({Kind}): {Error}")]
    private partial void LogBadFrame(string address, JsonFrameErrorKind kind, string error);
}
