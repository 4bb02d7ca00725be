using Microsoft.Extensions.Logging;

using Parley.Core.Hub;

namespace Parley.Server.Sessions;

public sealed partial class TextSession
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "{Address} did not use a known dialect: sent how to join and closed")]
    private partial void LogUnknownDialect(string address);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "{Address} refused nickname \"{Nick}\": {Result}")]
    private partial void LogRefused(string address, string nick, RegistrationResult result);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "{Address}: {Error}")]
    private partial void LogConnectionError(string address, string error);
}
