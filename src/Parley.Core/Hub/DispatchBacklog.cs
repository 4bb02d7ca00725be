namespace Parley.Core.Hub;

/// <summary>
/// Hub-wide back-pressure from room dispatch: a room whose dispatch queue is longer than
/// <see cref="HubOptions.RoomQueueLength"/> holds it up until its dispatcher has worked the queue down to half.
/// Read loops wait at <see cref="HoldGate.WaitAsync"/> before handling the next message (so the server stops
/// reading its senders, TCP back-pressure); nothing is dropped and no reader is disconnected because of it.
/// </summary>
public sealed class DispatchBacklog : HoldGate
{
    /// <summary>Rooms currently over their queue bound.</summary>
    public int Rooms => Holders;
}
