namespace Parley.Core.Events;

/// <summary>A member left a room: parted it, quit, or lost its connection (<see cref="Reason"/> says which).</summary>
public sealed class MemberLeft(string room, string nick, string reason, DateTimeOffset time) : ChatEvent(time)
{
    public string Room { get; } = room;

    public string Nick { get; } = nick;

    public string Reason { get; } = reason;
}
