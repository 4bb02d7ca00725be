using Microsoft.Extensions.Logging;

namespace Parley.Core.Hub;

public sealed partial class ChatHub
{
    [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "History: replaying {Room} to {Nick} failed")]
    private partial void LogReplayFailed(string nick, string room, Exception exception);

    [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "History: remembering room {Room} failed")]
    private partial void LogRoomNotSaved(string room, Exception exception);
}
