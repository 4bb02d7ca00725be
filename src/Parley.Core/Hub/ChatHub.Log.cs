using Microsoft.Extensions.Logging;

namespace Parley.Core.Hub;

public sealed partial class ChatHub
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Nickname of the client is {Nick} ({Protocol}, {Address})")]
    private partial void LogRegistered(string nick, string protocol, string address);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "[{Room}] {Nick}: {Text}")]
    private partial void LogMessage(string room, string nick, string text);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "[{Sender} -> {Recipient}] {Text}")]
    private partial void LogDirect(string sender, string recipient, string text);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "{Nick} joined {Room}")]
    private partial void LogJoined(string nick, string room);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "{Nick} left {Room}")]
    private partial void LogParted(string nick, string room);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "{Nick} left ({Reason})")]
    private partial void LogLeft(string nick, string reason);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Shutting down: telling {Count} members")]
    private partial void LogShutdown(int count);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "{OldNick} is now known as {NewNick}")]
    private partial void LogRenamed(string oldNick, string newNick);

    [LoggerMessage(EventId = 108, Level = LogLevel.Error, Message = "Delivery in {Room} failed")]
    private partial void LogDeliveryFault(string room, Exception exception);
}
