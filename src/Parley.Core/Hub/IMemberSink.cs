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

    /// <summary>
    /// Several events in order, as one write where the sink can (a room's dispatcher hands each recipient its share
    /// of a batch this way: one flush, one send system call). Same contract as <see cref="TryDeliver"/>; false
    /// when the sink took none or not all of them. The span is the caller's: do not keep it.
    /// </summary>
    bool TryDeliverMany(ReadOnlySpan<ChatEvent> chatEvents)
    {
        foreach (var chatEvent in chatEvents)
        {
            if (!TryDeliver(chatEvent))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>No more events follow: flush what is queued, then close the connection.</summary>
    void Complete();
}
