using Microsoft.Extensions.Logging;

using Parley.Core.Hub;

namespace Parley.Server.Subscriptions;

public sealed partial class SubscriberRegistry
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Subscribed {Address} as {Nick}")]
    private partial void LogSubscribed(string address, string nick);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Subscriber {Address} subscribed again")]
    private partial void LogRefreshed(string address);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Unsubscribed {Address} ({Nick}): {Reason}")]
    private partial void LogUnsubscribed(string address, string nick, string reason);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Subscriber {Address} keeps the nick {Nick}: cannot take {User} ({Result})")]
    private partial void LogKeptNick(string address, string nick, string user, RenameResult result);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Shutdown: {Count} subscribers did not get their last messages in time")]
    private partial void LogShutdownTimeout(int count);
}
