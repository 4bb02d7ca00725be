using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>
/// Where the hub puts events for one member: in practice the connection's bounded outbox.
/// Implementations MUST NOT block and MUST NOT reorder; a sink that cannot take an event (its outbox is full)
/// returns false and disconnects its own connection, so a slow reader never slows the room.
/// </summary>
public interface IMemberSink
{
    bool TryDeliver(ChatEvent chatEvent);

    /// <summary>No more events follow: flush what is queued, then close the connection.</summary>
    void Complete();
}
