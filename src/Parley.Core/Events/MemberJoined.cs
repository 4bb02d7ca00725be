namespace Parley.Core.Events;

public sealed class MemberJoined(string room, string nick, DateTimeOffset time) : ChatEvent(time)
{
    public string Room { get; } = room;

    public string Nick { get; } = nick;
}
