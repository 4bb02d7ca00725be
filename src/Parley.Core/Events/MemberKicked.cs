namespace Parley.Core.Events;

/// <summary>A room operator removed <see cref="Nick"/> from a room; the kicked member receives it too, last.</summary>
public sealed class MemberKicked(string room, string by, string nick, string reason, DateTimeOffset time) : ChatEvent(time)
{
    public string Room { get; } = room;

    public string By { get; } = by;

    public string Nick { get; } = nick;

    public string Reason { get; } = reason;
}
