using Microsoft.Extensions.Logging;

namespace Parley.Core.Hub;

public sealed partial class ChatHub
{
    [LoggerMessage(EventId = 810, Level = LogLevel.Information, Message = "{Nick} did not log in to its registered nickname in time; renamed to {Guest}")]
    private partial void LogGuestRenamed(string nick, string guest);

    [LoggerMessage(EventId = 811, Level = LogLevel.Error, Message = "Checking whether {Nick} is a registered nickname failed")]
    private partial void LogNickGuardFailed(Exception exception, string nick);

    [LoggerMessage(EventId = 830, Level = LogLevel.Information, Message = "Account {Account} logged in as {Nick} while node {Node} holds the nickname {Account}; that node guards it")]
    private partial void LogNickHeldElsewhere(string account, string nick, string node);
}
