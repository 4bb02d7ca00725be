using Microsoft.Extensions.Logging;

using Parley.Core.Hub;

namespace Parley.Server.Sessions;

public sealed partial class IrcSession
{
    [LoggerMessage(EventId = 502, Level = LogLevel.Debug, Message = "{Address}: {Error}")]
    private partial void LogConnectionError(string address, string error);



    [LoggerMessage(EventId = 505, Level = LogLevel.Information, Message = "{Address} refused nickname \"{Nick}\": {Result} (irc)")]
    private partial void LogRefused(string address, string nick, RegistrationResult result);

    [LoggerMessage(EventId = 506, Level = LogLevel.Debug, Message = "{Who} sent an unknown command {Command} (irc)")]
    private partial void LogUnknownCommand(string who, string command);

    [LoggerMessage(EventId = 510, Level = LogLevel.Warning, Message = "A CHATHISTORY request of {Who} failed (irc)")]
    private partial void LogHistoryFailed(string who, Exception exception);
}
