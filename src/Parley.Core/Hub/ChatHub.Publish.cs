using Parley.Core.Events;

namespace Parley.Core.Hub;

public sealed partial class ChatHub
{
    /// <summary>
    /// Delivers an event numbered elsewhere (the history writer, after its commit) to <paramref name="roomName"/>'s
    /// members, except <paramref name="except"/>, in the room's order: see <see cref="RoomDispatcher.Publish"/>.
    /// False when there is no such room (everyone left it).
    /// </summary>
    public bool Publish(string roomName, ChatEvent chatEvent, Member? except = null)
    {
        ArgumentNullException.ThrowIfNull(roomName);
        Room? room;
        lock (_gate)
        {
            _rooms.TryGetValue(roomName, out room);
        }

        room?.Dispatcher.Publish(chatEvent, except);
        return room is not null;
    }
}
