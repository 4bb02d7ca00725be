namespace Parley.Core.Events;

/// <summary>A room operator changed a room's modes; <see cref="Modes"/> is what applied, in IRC form
/// (<c>+o-v bob carol</c>, <c>+k secret</c>), the same text for every protocol.</summary>
public sealed class RoomModeChanged(string room, string by, string modes, DateTimeOffset time) : ChatEvent(time)
{
    public string Room { get; } = room;

    public string By { get; } = by;

    public string Modes { get; } = modes;
}
